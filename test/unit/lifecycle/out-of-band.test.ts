import { findingFactory } from '../../../lambdas/core/engine/finding-factory';
import { changeFindings } from '../../../lambdas/core/lifecycle/change-findings';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { markOutOfBand } from '../../../lambdas/core/lifecycle/out-of-band';
import type { ValueChange } from '../../../lambdas/core/lifecycle/snapshot-diff';
import type { Finding } from '../../../lambdas/core/model';

const make = findingFactory('shop');
const DEPLOYERS = ['arn:aws:iam::1:role/deploy'];
const ALICE = 'arn:aws:iam::1:user/alice';
const origin = (modifiedBy?: string) => ({
  source: { index: 0, type: 'ssm' as const, label: 'ssm /us/' },
  location: '/us/db/timeout',
  modifiedAt: '2026-11-24T02:07:00Z',
  ...(modifiedBy ? { modifiedBy } : {}),
});
const change = (by: string | undefined, after: ValueChange['after'] = { kind: 'text', text: '60s' }): ValueChange => ({
  key: 'db.timeout',
  before: { kind: 'text', text: '10s' },
  after,
  origin: origin(by),
});

describe('changed findings: out-of-band when the modifier is not a deployer', () => {
  test.each([
    ['a non-deployer', DEPLOYERS, ALICE, true],
    ['a deployer session', DEPLOYERS, 'arn:aws:sts::1:assumed-role/deploy/ci', false],
    ['an unknown modifier', DEPLOYERS, undefined, false],
    ['no deployers declared', undefined, ALICE, false],
  ])('%s', (_, deployers, by, outOfBand) => {
    const [f] = changeFindings('us', [change(by)], make, deployers);
    expect(f!.outOfBand === true).toBe(outOfBand);
    if (outOfBand) expect(f).toMatchObject({ changedBy: by, changedAt: '2026-11-24T02:07:00Z' });
    else expect(f!.changedBy).toBeUndefined();
  });

  test('a removal names no modifier of its own: never out-of-band', () => {
    const [f] = changeFindings('us', [change(ALICE, null)], make, DEPLOYERS);
    expect(f!.outOfBand).toBeUndefined();
  });
});

describe('markOutOfBand: the findings an out-of-band change opens say so', () => {
  const [oob] = changeFindings('us', [change(ALICE)], make, DEPLOYERS);
  const mismatch = make({ kind: 'mismatch', environment: 'us', key: 'db.timeout', subject: 'db.timeout', message: 'db.timeout is 60s' });
  const parity = make({ kind: 'parity', group: 'prod', key: 'db.timeout', subject: 'db.timeout', message: 'differs' });
  const elsewhere = make({ kind: 'mismatch', environment: 'eu', key: 'db.timeout', subject: 'db.timeout', message: 'eu' });
  const otherKey = make({ kind: 'mismatch', environment: 'us', key: 'db.pool', subject: 'db.pool', message: 'pool' });
  const groups = new Map([['prod', ['us', 'eu']]]);
  const state = (f: Finding, status: 'open' | 'resolved'): FindingState => ({ id: f.id, status, finding: f }) as unknown as FindingState;

  test('a new finding on the same key, in the environment or a parity group holding it; nothing else', () => {
    const marked = markOutOfBand([mismatch, parity, elsewhere, otherKey], [oob!], new Map(), groups);
    expect(marked.map((f) => f.outOfBand === true)).toEqual([true, true, false, false]);
    expect(marked[0]).toMatchObject({ changedBy: ALICE, changedAt: '2026-11-24T02:07:00Z' });
    expect(marked[0]!.message).toBe(`db.timeout is 60s (opened by an out-of-band change by ${ALICE} at 2026-11-24T02:07:00Z)`);
  });

  test('a finding already open was not opened by the change; one opened out-of-band keeps saying so, unchanged', () => {
    const plainOpen = markOutOfBand([mismatch], [oob!], new Map([[mismatch.id, state(mismatch, 'open')]]), groups);
    expect(plainOpen[0]).toEqual(mismatch);
    const [opened] = markOutOfBand([mismatch], [oob!], new Map(), groups);
    const carried = markOutOfBand([mismatch], [], new Map([[mismatch.id, state(opened!, 'open')]]), groups);
    expect(carried[0]).toEqual(opened);
    const reopened = markOutOfBand([mismatch], [oob!], new Map([[mismatch.id, state(mismatch, 'resolved')]]), groups);
    expect(reopened[0]!.outOfBand).toBe(true);
  });

  test('a deployer change marks nothing', () => {
    const [sanctioned] = changeFindings('us', [change('arn:aws:sts::1:assumed-role/deploy/ci')], make, DEPLOYERS);
    expect(markOutOfBand([mismatch], [sanctioned!], new Map(), groups)).toEqual([mismatch]);
  });
});
