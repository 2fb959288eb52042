import type { NotifyConfig } from '../../../lambdas/core/estate/model';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';
import { CAUSE_GONE } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import { shouldPublish } from '../../../lambdas/core/notify/should-publish';
import { eventSummary, SNS_MESSAGE_MAX_BYTES, snsMessage, snsMessageBytes } from '../../../lambdas/core/notify/sns-message';
import { estateFrom } from '../../helpers/estate';
import { mismatchFinding } from '../../helpers/findings';

const estate = estateFrom(`version: 1
name: checkout-api
environments:
  staging:
    sources: [ { file: { from: s.yml } } ]
  production-us:
    account: "111111111111"
    sources: [ { file: { from: us.yml } } ]
  production-eu:
    account: "222222222222"
    sources: [ { file: { from: eu.yml } } ]
parity:
  - { name: us-vs-eu, environments: [production-us, production-eu] }
baseline:
  keys:
    db.timeout: { type: duration, value: 10s, owner: team-db }
    pool: {}
`);

const mismatch: Finding = mismatchFinding();
const parity: Finding = {
  id: 'f-parity',
  kind: 'parity',
  severity: 'medium',
  estate: 'checkout-api',
  group: 'us-vs-eu',
  key: 'pool',
  values: { 'production-us': '20', 'production-eu': null },
  message: 'pool differs across us-vs-eu: production-us 20, production-eu absent',
};

const ev = (finding: Finding, event: LifecycleEvent['event'] = 'opened', extra: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
  eventId: `e-${finding.id}-${event}`,
  event,
  runId: 'run-1',
  at: '2026-11-24T02:00:00.000Z',
  finding,
  episode: 1,
  ...extra,
});

describe('snsMessage', () => {
  test('the body is the finding plus the event, its id, the run, the episode and a summary', () => {
    const m = snsMessage(ev(mismatch), { estate });
    expect(m.id).toBe('e-f-mismatch-opened');
    expect(JSON.parse(m.body)).toEqual({
      ...mismatch,
      event: 'opened',
      eventId: 'e-f-mismatch-opened',
      runId: 'run-1',
      at: '2026-11-24T02:00:00.000Z',
      episode: 1,
      summary: 'OPENED high mismatch production-us db.timeout: db.timeout is 60s in production-us; the baseline expects 10s',
      actions: { adopt: ['drift adopt production-us db.timeout'], revert: ['drift revert production-us db.timeout'] },
      actionsText:
        'to accept the running value: drift adopt production-us db.timeout; to restore the baseline: drift revert production-us db.timeout.',
    });
  });

  test('a parity finding offers one --everywhere adoption per value held, and nothing to revert to', () => {
    const body = JSON.parse(snsMessage(ev({ ...parity, values: { 'production-us': '20', 'production-eu': '30' } }), { estate }).body);
    expect(body.actions).toEqual({
      adopt: ['drift adopt production-us pool --everywhere', 'drift adopt production-eu pool --everywhere'],
      revert: [],
    });
    expect(body.actionsText).toBe(
      "to make one environment's value the baseline everywhere: drift adopt production-us pool --everywhere | drift adopt production-eu pool --everywhere.",
    );
  });

  test.each([
    ['a resolved event', ev(mismatch, 'resolved', { reason: 'value fixed' })],
    ['an escalated event', ev(mismatch, 'escalated')],
    ['an opened finding of a kind that is not syncable', ev({ ...mismatch, kind: 'missing', actual: undefined })],
  ])('%s carries no actions', (_name, event) => {
    const body = JSON.parse(snsMessage(event, { estate }).body);
    expect(body.actions).toBeUndefined();
    expect(body.actionsText).toBeUndefined();
  });

  test('actions never carry a value: a secret stays a fingerprint in its own field only', () => {
    const secret = { ...mismatch, key: 'payment.api.key', expected: '<secret:1a2b3c4d>', actual: '<secret:9f8e7d6c>' };
    const body = JSON.parse(snsMessage(ev(secret), { estate }).body);
    expect(JSON.stringify(body.actions) + body.actionsText).not.toMatch(/secret:/);
  });

  test('a resolved event carries its reason, in the body and the summary', () => {
    const body = JSON.parse(snsMessage(ev(mismatch, 'resolved', { reason: 'value fixed' }), { estate }).body);
    expect(body.reason).toBe('value fixed');
    expect(body.summary).toMatch(/^RESOLVED high mismatch production-us db\.timeout \(value fixed\): /);
    expect(JSON.parse(snsMessage(ev(mismatch, 'opened', { reason: 'stale' }), { estate }).body).reason).toBeUndefined();
  });

  test.each([
    [
      'an environment finding',
      mismatch,
      {
        event: 'opened',
        severity: 'high',
        kind: 'mismatch',
        estate: 'checkout-api',
        environment: 'production-us',
        environments: '["production-us"]',
        account: '111111111111',
        owner: 'team-db',
      },
    ],
    [
      'a parity finding: the group and its environments, no account (two differ)',
      parity,
      {
        event: 'opened',
        severity: 'medium',
        kind: 'parity',
        estate: 'checkout-api',
        group: 'us-vs-eu',
        environments: '["production-us","production-eu"]',
      },
    ],
    [
      'an environment without an account and a key without an owner',
      { ...mismatch, environment: 'staging', key: 'pool', owner: undefined },
      { event: 'opened', severity: 'high', kind: 'mismatch', estate: 'checkout-api', environment: 'staging', environments: '["staging"]' },
    ],
  ])('attributes of %s', (_name, finding, expected) => {
    const attrs = snsMessage(ev(finding as Finding), { estate }).attributes;
    expect(Object.fromEntries(Object.entries(attrs).map(([k, a]) => [k, a.StringValue]))).toEqual(expected);
    expect(attrs.environments?.DataType).toBe('String.Array');
    for (const [name, a] of Object.entries(attrs)) {
      expect(a.StringValue).not.toBe('');
      if (name !== 'environments') expect(a.DataType).toBe('String');
    }
  });

  test('the owner comes from the baseline when the finding does not carry it; null fields are omitted', () => {
    const stored = { ...mismatch, owner: undefined, environment: 'staging' } as Finding;
    expect(snsMessage(ev(stored), { estate }).attributes.owner?.StringValue).toBe('team-db');
    const fromStore = { ...parity, environment: null, owner: null } as unknown as Finding;
    const attrs = snsMessage(ev(fromStore), { estate }).attributes;
    expect(attrs.environment).toBeUndefined();
    expect(attrs.owner).toBeUndefined();
    expect(attrs.group?.StringValue).toBe('us-vs-eu');
  });
});

describe('eventSummary', () => {
  test('is one line of at most 200 characters, cut with an ellipsis', () => {
    const long = { ...mismatch, message: `line one\nline\ttwo\u0007 ${'x'.repeat(400)}` };
    const s = eventSummary(ev(long, 'escalated'));
    expect(s).toMatch(/^ESCALATED high mismatch production-us db\.timeout: line one line two x+…$/);
    expect(Array.from(s)).toHaveLength(200);
    expect(eventSummary(ev(mismatch))).not.toMatch(/…/);
  });

  test('names the rule when there is no key', () => {
    const rule: Finding = {
      id: 'r',
      kind: 'rule',
      severity: 'high',
      estate: 'checkout-api',
      environment: 'production-eu',
      rule: 'payment-worst-case-wait',
      message: 'false',
    };
    expect(eventSummary(ev(rule))).toBe('OPENED high rule production-eu payment-worst-case-wait: false');
  });
});

describe('shouldPublish', () => {
  const sns: NotifyConfig['sns'] = { minSeverity: 'high', kinds: 'all', onFirstRun: false };

  test.each<[string, LifecycleEvent, NotifyConfig['sns'], boolean, boolean]>([
    ['high opened', ev(mismatch), sns, false, true],
    ['critical escalated', ev({ ...mismatch, severity: 'critical' }, 'escalated'), sns, false, true],
    ['below minSeverity', ev(parity), sns, false, false],
    ['at a lowered minSeverity', ev(parity), { ...sns, minSeverity: 'medium' }, false, true],
    ['a kind not listed', ev(mismatch), { ...sns, kinds: ['parity', 'missing'] }, false, false],
    ['a kind listed', ev(mismatch), { ...sns, kinds: ['mismatch'] }, false, true],
    [
      'changed, never',
      ev({ ...mismatch, kind: 'changed', severity: 'critical' }, 'changed'),
      { ...sns, minSeverity: 'info', onFirstRun: true },
      false,
      false,
    ],
    ['the first run, by default', ev(mismatch), sns, true, false],
    ['the first run, onFirstRun: true', ev(mismatch), { ...sns, onFirstRun: true }, true, true],
    ['the first run, onFirstRun: true, still filtered', ev(parity), { ...sns, onFirstRun: true }, true, false],
  ])('%s', (_name, event, config, firstRun, expected) => {
    expect(shouldPublish(event, config, firstRun)).toBe(expected);
  });
});

describe('snsMessage within SNS limits', () => {
  const envs = Array.from({ length: 5000 }, (_, i) => `production-${String(i).padStart(4, '0')}`);
  const big = estateFrom(
    `version: 1\nname: shop\nenvironments:\n${envs.map((e) => `  ${e}:\n    sources: [ { file: { from: a.yml } } ]`).join('\n')}\n` +
      `parity:\n  - { name: all, environments: [${envs.join(', ')}] }\n`,
  );
  const key = 'k'.repeat(1000);
  const wide: Finding = {
    id: 'f-wide',
    kind: 'parity',
    severity: 'medium',
    estate: 'shop',
    group: 'all',
    key,
    values: Object.fromEntries(envs.map((e, i) => [e, `${i} ${'😀'.repeat(99)}`])),
    message: `${key} differs across all`,
  };

  test('a parity finding across 5,000 environments keeps its subject, cuts its values and says how many it left out', () => {
    const m = snsMessage(ev(wide), { estate: big });
    expect(snsMessageBytes(m)).toBeLessThanOrEqual(SNS_MESSAGE_MAX_BYTES);
    const body = JSON.parse(m.body);
    expect(body).toMatchObject({ id: 'f-wide', kind: 'parity', group: 'all', key, event: 'opened', eventId: 'e-f-wide-opened' });
    expect(Object.keys(body.values).length + body.valuesOmitted).toBe(5000);
    expect(body.actions.adopt).toHaveLength(10);
    expect(body.actionsText).toMatch(/\+4990 more in the run's report\.$/);
    // No lone surrogate left behind by a cut: the body re-encodes to the same text.
    expect(JSON.stringify(body)).toBe(m.body);
    expect(Object.values<string>(body.values).every((v) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(v))).toBe(true);
    // The same event makes the same message on every retry.
    expect(snsMessage(ev(wide), { estate: big }).body).toBe(m.body);
  });

  test('a message that fits is left whole', () => {
    const m = snsMessage(ev(parity), { estate });
    expect(JSON.parse(m.body).values).toEqual(parity.values);
    expect(JSON.parse(m.body).valuesOmitted).toBeUndefined();
  });
});

describe('a parity difference a member finding explains', () => {
  const caused: Finding = { ...parity, causedBy: [{ id: 'f-missing', kind: 'missing', severity: 'high', environment: 'production-eu' }] };

  test('names its cause in the body and in a causedBy attribute, so a subscription can take one message per cause', () => {
    const m = snsMessage(ev(caused), { estate });
    expect((JSON.parse(m.body) as Finding).causedBy).toEqual(caused.causedBy);
    expect(m.attributes.causedBy).toEqual({ DataType: 'String.Array', StringValue: '["f-missing"]' });
    // One message per lifecycle event still: the parity event is sent, marked.
    expect(m.id).toBe('e-f-parity-opened');
  });

  test('a finding no other explains has no causedBy attribute', () => {
    expect(snsMessage(ev(parity), { estate }).attributes).not.toHaveProperty('causedBy');
    expect(snsMessage(ev(mismatch), { estate }).attributes).not.toHaveProperty('causedBy');
  });
});

test('an escalation told because its cause is gone says so in its summary and body', () => {
  const m = snsMessage(ev(parity, 'escalated', { reason: CAUSE_GONE }), { estate });
  const body = JSON.parse(m.body) as { reason?: string; summary: string };
  expect(body.reason).toBe(CAUSE_GONE);
  expect(body.summary).toMatch(/^ESCALATED medium parity us-vs-eu pool \(its cause is gone\): /);
});
