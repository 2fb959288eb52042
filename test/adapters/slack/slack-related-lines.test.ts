import { slackDigest, type SlackMessage } from '../../../lambdas/adapters/slack/slack-digest';
import { buildDigest, type DigestInput } from '../../../lambdas/core/digest/build-digest';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';

/** The digest of a window as Slack receives it. */
const slackOf = (i: DigestInput): SlackMessage | undefined => {
  const digest = buildDigest(i);
  return digest && slackDigest(digest);
};

const f = (id: string, over: Partial<Finding>): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'medium',
  estate: 'checkout-api',
  environment: 'production-us',
  message: `message ${id}`,
  ...over,
});

const opened = (finding: Finding): LifecycleEvent => ({
  eventId: `${finding.id}-opened`,
  event: 'opened',
  runId: 'run-1',
  at: '2026-11-24T02:00:00Z',
  finding,
});

const input = (over: Partial<DigestInput>): DigestInput => ({
  estate: 'checkout-api',
  windowStart: '2026-11-23T07:00:00Z',
  windowEnd: '2026-11-24T07:00:00Z',
  timezone: 'Europe/Berlin',
  events: [],
  open: [],
  suppressed: [],
  minSeverity: 'info',
  allClear: true,
  ...over,
});

const body = (d: SlackMessage): string => d.blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? '').join('\n');

// An emergency bump: db.timeout raised past its maximum, so a constraint and a mismatch on one key.
const constraint = f('c', { kind: 'constraint', severity: 'high', key: 'db.timeout', message: 'db.timeout is 60s: above the maximum 30s' });
const mismatch = f('m', { key: 'db.timeout', message: 'db.timeout is 60s; the baseline expects 10s' });
const rule = f('r', { kind: 'rule', severity: 'high', rule: 'wait', message: 'rule wait fails' });
const timeout = f('t', { key: 'payment.timeout', message: 'payment.timeout is 60s' });
const ruleKeys = new Map([['wait', ['payment.timeout', 'payment.retries']]]);

describe('digest: findings with one cause share one line', () => {
  test('new: the constraint leads, the mismatch is listed beneath it, both counted', () => {
    const d = slackOf(input({ events: [opened(mismatch), opened(constraint)] }))!;
    expect(body(d)).toMatch(
      /\*New \(2\)\*\n:large_orange_circle: \*high\* · constraint · \*production-us\* — db\.timeout is 60s: above the maximum 30s\n {6}↳ same cause: medium · mismatch — db\.timeout is 60s; the baseline expects 10s/,
    );
    expect(body(d)).not.toMatch(/large_yellow_circle: \*medium\* · mismatch/);
    expect(d.text).toContain('*2 new*');
  });

  test('still open: grouped under the scope heading, which still counts every finding', () => {
    const open = [{ ...constraint, severity: 'critical' as const }, mismatch].map((x) => ({
      ...x,
      status: 'open' as const,
      firstSeen: '2026-11-20T02:00:00Z',
    }));
    const d = slackOf(input({ open }))!;
    expect(body(d)).toMatch(
      /\*production-us\* — 2 open \(1 critical, 1 medium\)\n.*constraint — db\.timeout is 60s: above the maximum 30s\n {6}↳ open 4 days\n {6}↳ same cause: medium · mismatch/,
    );
  });

  test('still open below critical: only counted under the scope heading, not named', () => {
    const open = [constraint, mismatch].map((x) => ({ ...x, status: 'open' as const, firstSeen: '2026-11-20T02:00:00Z' }));
    const d = slackOf(input({ open }))!;
    expect(body(d)).toMatch(/\*Still open \(2\)\*\n\*production-us\* — 2 open \(1 high, 1 medium\)$/m);
    expect(body(d)).not.toContain('db.timeout is 60s: above the maximum 30s');
  });

  test('a rule joins the findings on the keys it reads when the estate says which', () => {
    expect(body(slackOf(input({ events: [opened(rule), opened(timeout)], ruleKeys }))!)).toMatch(
      /rule · \*production-us\* — rule wait fails\n {6}↳ same cause: medium · mismatch — payment\.timeout is 60s/,
    );
    expect(body(slackOf(input({ events: [opened(rule), opened(timeout)] }))!)).not.toContain('same cause');
  });

  test('an estate-wide finding is shown under "all environments"', () => {
    const nowhere = f('n', {
      kind: 'rule',
      severity: 'high',
      environment: undefined,
      rule: 'wait',
      message: 'rule wait could not be judged in any environment',
    });
    expect(body(slackOf(input({ events: [opened(nowhere)] }))!)).toContain(
      'rule · *all environments* — rule wait could not be judged in any environment',
    );
  });
});

describe('digest: an accepted difference never expires', () => {
  test('a permanent exception is never listed as expiring soon', () => {
    const permanent = f('p', {
      key: 'log.level',
      actual: 'DEBUG',
      expiresSoon: true,
      exception: { key: 'log.level', reason: 'accepted', permanent: true },
    });
    const soon = f('s', {
      key: 'log.level',
      environment: 'staging',
      actual: 'DEBUG',
      expiresSoon: true,
      exception: { key: 'log.level', reason: 'load test', expires: '2026-11-26' },
    });
    const d = slackOf(input({ suppressed: [permanent, soon] }))!;
    expect(body(d)).toContain('Exceptions expiring within 7 days (1)');
    expect(body(d)).toContain('*staging* `log.level`');
    expect(body(d)).not.toContain('*production-us* `log.level`');
  });
});
