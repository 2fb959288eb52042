import { audit } from '../../../lambdas/core/engine/audit';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { planLifecycle } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// A release template that renders DB_TIMEOUT= gives one problem: the key is not set. A `missing`
// and a `constraint` ("" is not a duration) for it would be two tickets for one cause.
const keys = (timeout: string): string =>
  `baseline:\n  undeclared: ignore\n  keys:\n    db.timeout: ${timeout}\n    pool.size: { type: int, required: true, enum: ["10", "20"] }\n`;

const kinds = (timeout: string, values: Record<string, string>): string[] =>
  audit(estateFrom(estateYaml(['production'], keys(timeout))), [snapshot('production', { values })], NOW)
    .findings.map((f) => `${f.kind} ${f.key}`)
    .sort();

describe('a typed key set to a blank value', () => {
  it.each(['', '   '])('is only missing where the key is required (%j)', (blank) => {
    expect(kinds('{ type: duration, required: true, max: 30s }', { 'db.timeout': blank, 'pool.size': blank })).toEqual([
      'missing db.timeout',
      'missing pool.size',
    ]);
  });

  it('keeps its constraint where the key is not required: the application reads a value its type refuses', () => {
    expect(kinds('{ type: duration }', { 'db.timeout': '', 'pool.size': '20' })).toEqual(['constraint db.timeout']);
  });

  it('still has its constraint when required and set to a value its type refuses', () => {
    expect(kinds('{ type: duration, required: true }', { 'db.timeout': 'soon', 'pool.size': '20' })).toEqual(['constraint db.timeout']);
  });

  // A failed source above the blank one may set the key: missing says nothing of it then, so its type is still judged.
  it('keeps its constraint where a failed source outranks the blank and missing says nothing', () => {
    const r = audit(
      estateFrom(estateYaml(['production'], keys('{ type: duration, required: true }'))),
      [snapshot('production', { values: { 'db.timeout': '', 'pool.size': '20' } }, { errors: ['production.yml: not found'] })],
      NOW,
    );
    expect(r.findings.filter((f) => f.key === 'db.timeout').map((f) => f.kind)).toEqual(['constraint']);
  });

  it('closes the constraint an earlier run opened as now reported as missing, not as fixed', () => {
    const estate = (timeout: string) => estateFrom(estateYaml(['production'], keys(timeout)));
    const states = new Map<string, FindingState>();
    const run = (timeout: string, runId: string) => {
      const r = audit(estate(timeout), [snapshot('production', { values: { 'db.timeout': '', 'pool.size': '20' } })], NOW);
      const plan = planLifecycle(states, r.findings, r.suppressed, {
        estate: estate(timeout),
        runId,
        startedAt: NOW.toISOString(),
        audited: new Set(['production']),
        failed: new Set(),
      });
      for (const t of plan.transitions) states.set(t.state.id, t.state);
      return plan;
    };
    run('{ type: duration }', '1');
    const second = run('{ type: duration, required: true }', '2');
    expect(second.resolved.map((f) => `${f.kind}: ${f.reason}`)).toEqual(['constraint: now reported as missing']);
    expect(second.findings.map((f) => `${f.kind} ${f.status}`)).toEqual(['missing new']);
  });
});
