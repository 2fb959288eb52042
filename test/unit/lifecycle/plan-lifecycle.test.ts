import { audit } from '../../../lambdas/core/engine/audit';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { planLifecycle, type RunScope } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import type { Estate } from '../../../lambdas/core/estate/model';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../../helpers/estate';

const BASELINE = `parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, max: 30s }\n    pool: { type: int }\n`;

function auditOf(estate: Estate, given: Record<string, SourceGiven>, at = '2026-11-24T02:00:00Z') {
  return audit(
    estate,
    Object.entries(given).map(([env, g]) => snapshot(env, g)),
    new Date(at),
  );
}

/** Applies a plan's writes to an in-memory map of states, as the store would. */
function apply(states: Map<string, FindingState>, plan: ReturnType<typeof planLifecycle>) {
  for (const t of plan.transitions) states.set(t.state.id, t.state);
}

const scope = (estate: Estate, runId: string, audited = ['us', 'eu'], failed: string[] = []): RunScope => ({
  estate,
  runId,
  startedAt: `2026-11-${runId.padStart(2, '0')}T02:00:00Z`,
  audited: new Set(audited),
  failed: new Set(failed),
});

describe('finding lifecycle: new, open, resolved, reopened as a new episode', () => {
  const estate = estateFrom(estateYaml(['us', 'eu'], BASELINE));
  const drifted = { us: { values: { 'db.timeout': '60s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '10' } } };
  const fixed = { us: { values: { 'db.timeout': '10s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '20' } } };

  test('the first run opens every finding once; an unchanged second run writes nothing', () => {
    const states = new Map<string, FindingState>();
    const r1 = auditOf(estate, drifted);
    const p1 = planLifecycle(states, r1.findings, r1.suppressed, scope(estate, '1'));
    expect(p1.findings.map((f) => f.status)).toEqual(r1.findings.map(() => 'new'));
    expect(p1.transitions.map((t) => t.event?.event)).toEqual(r1.findings.map(() => 'opened'));
    expect(p1.transitions.every((t) => t.expectedVersion === undefined)).toBe(true);
    apply(states, p1);

    const p2 = planLifecycle(states, auditOf(estate, drifted).findings, [], scope(estate, '2'));
    expect(p2.findings.map((f) => [f.status, f.firstSeen])).toEqual(r1.findings.map(() => ['open', '2026-11-01T02:00:00Z']));
    expect(p2.transitions).toEqual([]);
    expect(p2.replay).toEqual([]);
  });

  test('a fixed value resolves with its reason; when it comes back it is a new episode with a new event id', () => {
    const states = new Map<string, FindingState>();
    apply(states, planLifecycle(states, auditOf(estate, drifted).findings, [], scope(estate, '1')));
    const r2 = planLifecycle(states, auditOf(estate, fixed).findings, [], scope(estate, '2'));
    expect(r2.resolved.map((f) => [f.kind, f.key, f.reason]).sort()).toEqual([
      ['constraint', 'db.timeout', 'value fixed'],
      ['mismatch', 'db.timeout', 'value fixed'],
      ['parity', 'pool', 'value fixed'],
    ]);
    const firstEvents = new Map(r2.transitions.map((t) => [t.state.id, t.event!.eventId]));
    apply(states, r2);
    expect([...states.values()].every((s) => s.status === 'resolved' && s.episode === 1)).toBe(true);

    const r3 = planLifecycle(states, auditOf(estate, drifted).findings, [], scope(estate, '3'));
    expect(r3.findings.every((f) => f.status === 'new' && f.firstSeen === '2026-11-03T02:00:00Z')).toBe(true);
    for (const t of r3.transitions) {
      expect(t.state.episode).toBe(2);
      expect(t.event!.event).toBe('opened');
      expect(t.event!.eventId).not.toBe(firstEvents.get(t.state.id));
      expect(t.expectedVersion).toBe(2);
    }
  });

  test('findings of environments not audited or with a failed source carry forward unchanged', () => {
    const states = new Map<string, FindingState>();
    apply(states, planLifecycle(states, auditOf(estate, drifted).findings, [], scope(estate, '1')));
    const onlyEu = planLifecycle(states, auditOf(estate, { eu: fixed.eu }).findings, [], scope(estate, '2', ['eu']));
    expect(onlyEu.transitions).toEqual([]);
    const failedUs = planLifecycle(
      states,
      auditOf(estate, { us: { values: {}, errors: ['denied'] }, eu: fixed.eu }).findings.filter((f) => f.kind !== 'source-error'),
      [],
      scope(estate, '2', ['us', 'eu'], ['us']),
    );
    expect(failedUs.transitions).toEqual([]);
    // What a failed source hid is still open, and said so; what --env left out is not this run's to show.
    const opened = [...states.values()].map((st) => st.finding);
    expect(failedUs.carried.map((f) => `${f.kind} ${f.environment ?? f.group} ${f.key}`).sort()).toEqual(
      opened
        .filter((f) => f.environment === 'us' || f.group === 'g')
        .map((f) => `${f.kind} ${f.environment ?? f.group} ${f.key}`)
        .sort(),
    );
    expect(failedUs.carried.every((f) => f.status === 'open' && f.firstSeen === '2026-11-01T02:00:00Z')).toBe(true);
    expect(failedUs.carried.length).toBeGreaterThan(0);
    expect(onlyEu.carried).toEqual([]);
  });

  test('resolution reasons: excused by an exception, key made per-environment', () => {
    const states = new Map<string, FindingState>();
    apply(states, planLifecycle(states, auditOf(estate, drifted).findings, [], scope(estate, '1')));
    const excusing = estateFrom(
      estateYaml(
        ['us', 'eu'],
        BASELINE +
          '  exceptions:\n    - { environment: us, key: db.timeout, reason: incident, expires: 2026-12-31 }\n    - { group: g, key: pool, reason: tuning, expires: 2026-12-31 }\n',
      ),
    );
    const r = auditOf(excusing, drifted);
    expect(r.findings).toEqual([]);
    const p = planLifecycle(states, r.findings, r.suppressed, scope(excusing, '2'));
    expect(new Set(p.resolved.map((f) => f.reason))).toEqual(new Set(['excused by an exception']));

    const perEnv = estateFrom(estateYaml(['us', 'eu'], BASELINE.replace('pool: { type: int }', 'pool: { per-environment: true }')));
    const p2 = planLifecycle(states, auditOf(perEnv, drifted).findings, [], scope(perEnv, '2'));
    expect(p2.resolved.find((f) => f.key === 'pool')?.reason).toBe('key made per-environment');
  });

  test('an expired exception: what replaces a finding, and what resolves it, is said as it is', () => {
    const withException = (expires: string | undefined) =>
      estateFrom(
        estateYaml(
          ['us', 'eu'],
          expires === undefined
            ? BASELINE
            : `${BASELINE}  exceptions:\n    - { environment: us, key: db.timeout, value: 60s, reason: incident, expires: ${expires} }\n`,
        ),
      );
    const reasons = (p: ReturnType<typeof planLifecycle>) =>
      p.resolved.filter((f) => f.key === 'db.timeout').map((f) => `${f.kind}: ${f.reason}`);
    const run = (states: Map<string, FindingState>, estate: Estate, given: typeof drifted, runId: string) => {
      const r = auditOf(estate, given);
      const p = planLifecycle(states, r.findings, r.suppressed, scope(estate, runId));
      apply(states, p);
      return reasons(p).sort();
    };
    const expired = withException('2026-11-01');
    const states = new Map<string, FindingState>();
    run(states, withException(undefined), drifted, '1');
    expect(run(states, expired, drifted, '2')).toEqual([
      'constraint: now reported as exception-expired',
      'mismatch: now reported as exception-expired',
    ]);
    const afterFix = new Map(states);
    expect(run(afterFix, expired, fixed, '3')).toEqual(['exception-expired: value fixed', 'exception-expired: value fixed']);
    const afterRenewal = new Map(states);
    expect(run(afterRenewal, withException('2026-12-31'), drifted, '3')).toEqual([
      'exception-expired: excused by an exception',
      'exception-expired: excused by an exception',
    ]);
    expect(run(states, withException(undefined), drifted, '3')).toEqual([
      'exception-expired: now reported as constraint',
      'exception-expired: now reported as mismatch',
    ]);
  });

  test('a source-error whose source is no longer declared resolves as source removed', () => {
    const states = new Map<string, FindingState>();
    const broken = auditOf(estate, { us: { values: {}, errors: ['denied'] }, eu: fixed.eu });
    expect(broken.findings.map((f) => f.kind)).toContain('source-error');
    apply(states, planLifecycle(states, broken.findings, [], scope(estate, '1', ['us', 'eu'], ['us'])));
    const p = planLifecycle(states, auditOf(estate, fixed).findings, [], scope(estate, '2'));
    expect(p.resolved.map((f) => [f.kind, f.reason])).toEqual([['source-error', 'source removed']]);
  });

  test('a severity that rises is an escalation; one that falls is recorded without an event', () => {
    const states = new Map<string, FindingState>();
    const first = auditOf(estate, drifted);
    apply(states, planLifecycle(states, first.findings, [], scope(estate, '1')));
    const raised = first.findings.map((f) => (f.kind === 'parity' ? { ...f, severity: 'critical' as const } : f));
    const p = planLifecycle(states, raised, [], scope(estate, '2'));
    expect(p.transitions.map((t) => [t.state.finding.kind, t.event?.event])).toEqual([['parity', 'escalated']]);
    apply(states, p);
    const lowered = planLifecycle(states, first.findings, [], scope(estate, '3'));
    expect(lowered.transitions.map((t) => [t.state.finding.kind, t.event?.event])).toEqual([['parity', undefined]]);
  });

  test('a retry of the same run id reports the same statuses and replays the same event ids', () => {
    const states = new Map<string, FindingState>();
    const r = auditOf(estate, drifted);
    const p1 = planLifecycle(states, r.findings, [], scope(estate, '1'));
    apply(states, p1);
    const retry = planLifecycle(states, r.findings, [], scope(estate, '1'));
    expect(retry.transitions).toEqual([]);
    expect(retry.findings.map((f) => f.status)).toEqual(p1.findings.map((f) => f.status));
    expect(retry.replay.map((e) => e.eventId).sort()).toEqual(p1.transitions.map((t) => t.event!.eventId).sort());
  });
});

describe('stored findings of a key declared secret since', () => {
  const plainly = `parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    seed: { type: string }\n`;
  const drifted = { us: { values: { seed: 'CANARYseed-us' } }, eu: { values: { seed: 'CANARYseed-eu' } } };

  test('resolve, and are written and sent, without their plain values; a finding stored as secret is left as it is', () => {
    const before = estateFrom(estateYaml(['us', 'eu'], plainly));
    const states = new Map<string, FindingState>();
    apply(states, planLifecycle(states, auditOf(before, drifted).findings, [], scope(before, '1')));
    expect(JSON.stringify([...states.values()])).toContain('CANARYseed');

    const after = estateFrom(estateYaml(['us', 'eu'], plainly.replace('seed: { type: string }', 'seed: { secret: true }')));
    const plan = planLifecycle(states, [], [], scope(after, '2'));
    expect(plan.resolved.map((f) => [f.kind, f.key, f.values])).toEqual([['parity', 'seed', { us: '<secret>', eu: '<secret>' }]]);
    expect(JSON.stringify(plan)).not.toContain('CANARYseed');

    const plain = planLifecycle(states, [], [], scope(before, '2'));
    expect(JSON.stringify(plain.resolved)).toContain('CANARYseed-us');
  });
});
