import { expiredExceptionId, findingFactory } from '../../../lambdas/core/engine/finding-factory';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import { immediateNotices } from '../../../lambdas/core/notify/immediate';
import { IMMEDIATE_DEFAULT, immediateSettings } from '../../../lambdas/core/notify/immediate-settings';
import type { Finding } from '../../../lambdas/core/model';

/** Slack's immediate sent mark, as drift stores it. */
const IMMEDIATE_CHANNEL = 'slack-immediate';

const make = findingFactory('shop');
const ALICE = 'arn:aws:iam::1:user/alice';
const groups = new Map([['prod', ['us', 'eu']]]);

const changed = (outOfBand: boolean, runId = 'r2', env = 'us'): LifecycleEvent => ({
  eventId: `c-${runId}-${env}`,
  event: 'changed',
  runId,
  at: '2026-11-24T02:10:00Z',
  finding: make({
    kind: 'changed',
    environment: env,
    key: 'db.timeout',
    subject: 'db.timeout',
    expected: '10s',
    actual: '60s',
    message: 'changed',
    source: { type: 'ssm', location: '/us/db/timeout', modifiedBy: ALICE, modifiedAt: '2026-11-24T02:07:00Z' },
    ...(outOfBand ? { outOfBand: true, changedBy: ALICE, changedAt: '2026-11-24T02:07:00Z' } : {}),
  }),
});
const opened = (f: Finding, runId = 'r2', sent?: Record<string, string>): LifecycleEvent => ({
  eventId: `o-${f.kind}-${runId}`,
  event: 'opened',
  runId,
  at: '2026-11-24T02:10:00Z',
  finding: f,
  episode: 1,
  ...(sent ? { sent } : {}),
});
const mismatch = make({
  kind: 'mismatch',
  severity: 'high',
  environment: 'us',
  key: 'db.timeout',
  subject: 'db.timeout',
  expected: '10s',
  actual: '60s',
  message: 'm',
});

describe('immediateNotices: one per finding a change just opened', () => {
  test('who, what, from → to, what it disagrees with, and the commands', () => {
    const [n] = immediateNotices([changed(true), opened(mismatch)], IMMEDIATE_DEFAULT, groups, IMMEDIATE_CHANNEL);
    expect(n).toMatchObject({
      eventId: 'o-mismatch-r2',
      environment: 'us',
      key: 'db.timeout',
      by: ALICE,
      at: '2026-11-24T02:07:00Z',
      from: '10s',
      to: '60s',
      outOfBand: true,
      disagrees: 'the baseline, which expects 10s',
      commands: { adopt: ['drift adopt us db.timeout'], revert: ['drift revert us db.timeout'] },
    });
  });

  test('a parity finding names its group and each value', () => {
    const parity = make({
      kind: 'parity',
      severity: 'high',
      group: 'prod',
      key: 'db.timeout',
      subject: 'db.timeout',
      values: { us: '60s', eu: null },
      message: 'p',
    });
    const [n] = immediateNotices([changed(true), opened(parity)], IMMEDIATE_DEFAULT, groups, IMMEDIATE_CHANNEL);
    expect(n!.disagrees).toBe('its parity group prod: us 60s, eu (absent)');
  });

  // The story's LOG_INCLUDE_SENSITIVE turned on again after its exception ran out: the finding carries the mismatch's values.
  test('an expired exception carrying a mismatch disagrees with the baseline, as the mismatch would', () => {
    const expired = {
      ...mismatch,
      kind: 'exception-expired' as const,
      id: expiredExceptionId(mismatch),
      message: 'the exception … expired',
    };
    const [n] = immediateNotices([changed(true), opened(expired)], IMMEDIATE_DEFAULT, groups, IMMEDIATE_CHANNEL);
    expect(n!.disagrees).toBe('the baseline, which expects 10s');
  });

  test('a finding that is no disagreement with a value (a constraint, a rule) says none: its message says what it is', () => {
    const constraint = make({
      kind: 'constraint',
      severity: 'high',
      environment: 'us',
      key: 'db.timeout',
      subject: 'db.timeout',
      actual: '60s',
      message: 'db.timeout is 60s in us, above its max 30s',
    });
    const [n] = immediateNotices([changed(true), opened(constraint)], IMMEDIATE_DEFAULT, groups, IMMEDIATE_CHANNEL);
    expect(n).toBeDefined();
    expect(n!.disagrees).toBeUndefined();
  });

  test.each([
    ['a deployer change, by default', [changed(false), opened(mismatch)], IMMEDIATE_DEFAULT],
    ['below the minimum severity', [changed(true), opened({ ...mismatch, severity: 'medium' })], IMMEDIATE_DEFAULT],
    ['already sent on this channel', [changed(true), opened(mismatch, 'r2', { [IMMEDIATE_CHANNEL]: 'x' })], IMMEDIATE_DEFAULT],
    ['a change of another run', [changed(true, 'r1'), opened(mismatch)], IMMEDIATE_DEFAULT],
    ['a change in another environment', [changed(true, 'r2', 'eu'), opened(mismatch)], IMMEDIATE_DEFAULT],
    ['an opening with no change (a first run)', [opened(mismatch)], { minSeverity: 'info', outOfBandOnly: false }],
    ['immediate: false', [changed(true), opened(mismatch)], false],
    [
      'a finding resolved since (a flap reverted before the message went)',
      [changed(true), opened(mismatch), { ...opened(mismatch, 'r3'), eventId: 'r-r3', event: 'resolved' as const }],
      IMMEDIATE_DEFAULT,
    ],
  ] as const)('none for %s', (_, events, config) => {
    expect(immediateNotices(events, config, groups, IMMEDIATE_CHANNEL)).toEqual([]);
  });

  test('outOfBandOnly: false takes a deployer change too', () => {
    const notices = immediateNotices(
      [changed(false), opened(mismatch)],
      { minSeverity: 'high', outOfBandOnly: false },
      groups,
      IMMEDIATE_CHANNEL,
    );
    expect(notices.map((n) => n.outOfBand)).toEqual([false]);
  });

  test('notify.slack.immediate: absent or true is the default, false is none', () => {
    const slack = { minSeverity: 'low' as const, window: '0 8 * * *', timezone: 'UTC', allClear: true };
    expect(immediateSettings(slack)).toEqual(IMMEDIATE_DEFAULT);
    expect(immediateSettings({ ...slack, immediate: true })).toEqual({ minSeverity: 'high', outOfBandOnly: true });
    expect(immediateSettings({ ...slack, immediate: false })).toBe(false);
  });
});
