import { audit } from '../../../lambdas/core/engine/audit';
import type { Estate } from '../../../lambdas/core/estate/model';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { planLifecycle, type RunScope } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import { estateFrom, estateYaml, snapshot, type SourceGiven, paymentRuleBaseline } from '../../helpers/estate';

const BASELINE = paymentRuleBaseline('worst-case');
const estate = estateFrom(estateYaml(['us', 'eu'], BASELINE));
const nowhere = { us: [{ values: { 'payment.max.retries': '3' } }], eu: [{ values: { 'payment.max.retries': '3' } }] };
const judged = {
  us: [{ values: { 'payment.timeout': '10s', 'payment.max.retries': '3' } }],
  eu: [{ values: { 'payment.timeout': '10s', 'payment.max.retries': '3' } }],
};

const findingsOf = (given: Record<string, SourceGiven[]>) =>
  audit(
    estate,
    Object.entries(given).map(([env, s]) => snapshot(env, ...s)),
    new Date('2026-11-24T02:00:00Z'),
  ).findings;
const scope = (e: Estate, runId: string, audited = ['us', 'eu'], failed: string[] = []): RunScope => ({
  estate: e,
  runId,
  startedAt: `2026-11-${runId.padStart(2, '0')}T02:00:00Z`,
  audited: new Set(audited),
  failed: new Set(failed),
});
function apply(states: Map<string, FindingState>, plan: ReturnType<typeof planLifecycle>) {
  for (const t of plan.transitions) states.set(t.state.id, t.state);
}

describe('an estate-wide finding (a rule judged nowhere) in the lifecycle', () => {
  test('opened once, then open; resolved only by a run that read every environment', () => {
    const states = new Map<string, FindingState>();
    const first = findingsOf(nowhere);
    expect(first.map((f) => [f.kind, f.environment, f.rule])).toEqual([['rule', undefined, 'worst-case']]);
    const p1 = planLifecycle(states, first, [], scope(estate, '1'));
    expect(p1.findings.map((f) => f.status)).toEqual(['new']);
    apply(states, p1);

    const p2 = planLifecycle(states, findingsOf(nowhere), [], scope(estate, '2'));
    expect(p2.findings.map((f) => [f.status, f.firstSeen])).toEqual([['open', '2026-11-01T02:00:00Z']]);
    expect(p2.transitions).toEqual([]);

    // --env us: the rule may still be judged nowhere, this run cannot tell.
    const partial = planLifecycle(states, findingsOf({ us: judged.us }), [], scope(estate, '3', ['us']));
    expect(partial.transitions).toEqual([]);
    expect(partial.resolved).toEqual([]);
    expect(partial.carried).toEqual([]);

    const full = planLifecycle(states, findingsOf(judged), [], scope(estate, '3'));
    expect(full.resolved.map((f) => [f.kind, f.rule, f.reason])).toEqual([['rule', 'worst-case', 'rule judged again']]);
  });

  test('judged again where it fails, it is not said to hold', () => {
    const states = new Map<string, FindingState>();
    apply(states, planLifecycle(states, findingsOf(nowhere), [], scope(estate, '1')));
    const failing = findingsOf({ us: [{ values: { 'payment.timeout': '60s', 'payment.max.retries': '5' } }], eu: nowhere.eu });
    expect(failing.map((f) => [f.kind, f.environment])).toEqual([['rule', 'us']]);
    const p = planLifecycle(states, failing, [], scope(estate, '2'));
    expect(p.resolved.map((f) => [f.environment, f.reason])).toEqual([[undefined, 'rule judged again']]);
    expect(p.findings.map((f) => [f.environment, f.status])).toEqual([['us', 'new']]);
  });

  test('a failed source anywhere carries it forward, still open, for reports to show', () => {
    const states = new Map<string, FindingState>();
    apply(states, planLifecycle(states, findingsOf(nowhere), [], scope(estate, '1')));
    const failed = findingsOf({ us: judged.us, eu: [{ errors: ['AccessDenied'] }] }).filter((f) => f.kind !== 'source-error');
    const p = planLifecycle(states, failed, [], scope(estate, '2', ['us', 'eu'], ['eu']));
    expect(p.transitions).toEqual([]);
    expect(p.carried.map((f) => [f.kind, f.rule, f.status])).toEqual([['rule', 'worst-case', 'open']]);
  });
});
