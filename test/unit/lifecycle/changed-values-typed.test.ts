import { changedLine } from '../../../lambdas/core/digest/lines';
import { findingFactory } from '../../../lambdas/core/engine/finding-factory';
import { changeFindings } from '../../../lambdas/core/lifecycle/change-findings';
import type { ValueChange } from '../../../lambdas/core/lifecycle/snapshot-diff';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Observation } from '../../../lambdas/core/model';
import { immediateNotices } from '../../../lambdas/core/notify/immediate';
import { IMMEDIATE_DEFAULT } from '../../../lambdas/core/notify/immediate-settings';
import type { ValueType } from '../../../lambdas/core/values/types';

// A `changed` report showed the texts as read (`db.timeout changed in prod: 45 → 90`) beside the
// mismatch the change opened, which shows the same value with the unit its type reads it in (`90s`).
const make = findingFactory('shop');
const DOTENV = { index: 0, type: 'dotenv' as const, label: 'dotenv prod.env' };
const SSM = { index: 1, type: 'ssm' as const, label: 'ssm /prod/' };
const text = (t: string) => ({ kind: 'text' as const, text: t });
const change = (before: string | null, after: string | null): ValueChange => ({
  key: 'db.timeout',
  before: before === null ? null : text(before),
  after: after === null ? null : text(after),
  origin: { source: DOTENV, location: 'prod.env:1' },
});
const types: Record<string, ValueType> = { 'db.timeout': 'duration' };
const typeOf = (key: string): ValueType | undefined => types[key];
const findings = (c: ValueChange, winner?: Observation) => changeFindings('prod', [c], make, undefined, () => winner, typeOf);

describe('a changed value of a key with a type', () => {
  it('is shown in the message as the mismatch shows it, with its unit; expected and actual stay as read', () => {
    const [f] = findings(change('45', '90'));
    expect(f?.message).toBe('db.timeout changed in prod: 45s → 90s');
    expect(f).toMatchObject({ expected: '45', actual: '90' });
  });

  it('keeps a value already written with its unit, and says an empty one as ""', () => {
    expect(findings(change('1m', ''))[0]?.message).toBe('db.timeout changed in prod: 1m → ""');
  });

  it('is shown so when it appears, goes, or another source overrides it', () => {
    expect(findings(change(null, '90'))[0]?.message).toBe('db.timeout appeared in prod: 90s');
    const ssm: Observation = { key: 'db.timeout', rawKey: '/prod/db_timeout', value: text('30'), origin: { source: SSM, location: 'x' } };
    expect(findings(change('90', null), ssm)[0]?.message).toBe('db.timeout was removed from prod (was 90s; still set by ssm /prod/: 30s)');
    expect(findings(change('45', '90'), ssm)[0]?.message).toBe(
      'db.timeout changed in prod: 45s → 90s (not in effect, overridden by ssm /prod/: 30s)',
    );
  });

  it('is shown with its unit in the digest', () => {
    const [f] = findings(change('45', '90'));
    const line = JSON.stringify(changedLine(f!, typeOf).text);
    expect(line).toContain('{"code":"45s"}');
    expect(line).toContain('{"code":"90s"}');
  });

  it('is shown with its unit in the immediate message of the finding it opened', () => {
    const [c] = findings(change('45', '90'));
    const opened = make({
      kind: 'mismatch',
      severity: 'high',
      environment: 'prod',
      key: 'db.timeout',
      subject: 'db.timeout',
      message: 'm',
    });
    const events: LifecycleEvent[] = [
      { eventId: 'c', event: 'changed', runId: 'r', at: '2026-11-24T02:10:00Z', finding: c! },
      { eventId: 'o', event: 'opened', runId: 'r', at: '2026-11-24T02:10:00Z', finding: opened, episode: 1 },
    ];
    const [n] = immediateNotices(events, { ...IMMEDIATE_DEFAULT, outOfBandOnly: false }, new Map(), 'slack-immediate', typeOf);
    expect(n).toMatchObject({ from: '45s', to: '90s' });
  });

  it('is shown as read where the key has no type', () => {
    const [f] = changeFindings('prod', [change('45', '90')], make);
    expect(f?.message).toBe('db.timeout changed in prod: 45 → 90');
  });
});
