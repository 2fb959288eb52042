import { audit } from '../../../lambdas/core/engine/audit';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { planLifecycle, type RunScope } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../../helpers/estate';

const BASELINE = `parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, max: 30s }\n    pool: { type: int }\n`;
const estate = estateFrom(estateYaml(['us', 'eu'], BASELINE));
const drifted = { us: { values: { 'db.timeout': '60s', pool: '20' } }, eu: { values: { 'db.timeout': '40s', pool: '10' } } };
// us fixed and read again; eu not read, standing on its stored (unchanged) values.
const usFixed = { us: { values: { 'db.timeout': '10s', pool: '10' } }, eu: drifted.eu };

const findingsOf = (given: Record<string, SourceGiven>): Finding[] =>
  audit(
    estate,
    Object.entries(given).map(([env, g]) => snapshot(env, g)),
    new Date('2026-11-24T02:00:00Z'),
  ).findings;
const scope = (runId: string, extra: Partial<RunScope> = {}): RunScope => ({
  estate,
  runId,
  startedAt: `2026-11-${runId.padStart(2, '0')}T02:00:00Z`,
  audited: new Set(['us', 'eu']),
  failed: new Set(),
  ...extra,
});
const label = (f: Finding): string => `${f.kind} ${f.environment ?? f.group} ${f.key}`;

function nightly(): Map<string, FindingState> {
  const states = new Map<string, FindingState>();
  for (const t of planLifecycle(states, findingsOf(drifted), [], scope('1')).transitions) states.set(t.state.id, t.state);
  return states;
}

describe('an environment a targeted run did not read (carried from the store)', () => {
  test('its own findings are neither judged nor resolved, and are shown as still open', () => {
    const states = nightly();
    const euOwn = [...states.values()].filter((s) => s.finding.environment === 'eu');
    expect(euOwn.map((s) => label(s.finding)).sort()).toEqual(['constraint eu db.timeout', 'mismatch eu db.timeout']);
    // What record-audit hands the lifecycle: the audit's findings without the carried environment's own.
    const judged = findingsOf(usFixed).filter((f) => f.environment !== 'eu');
    const plan = planLifecycle(states, judged, [], scope('2', { carried: new Set(['eu']) }));
    expect(plan.resolved.map(label).filter((l) => l.includes(' eu '))).toEqual([]);
    expect(plan.transitions.filter((t) => t.state.finding.environment === 'eu')).toEqual([]);
    expect(plan.carried.map((f) => [label(f), f.status]).sort()).toEqual([
      ['constraint eu db.timeout', 'open'],
      ['mismatch eu db.timeout', 'open'],
    ]);
  });

  test('it counts as read for a parity group: the group finding is judged (here resolved), unlike a failed environment', () => {
    const states = nightly();
    const judged = findingsOf(usFixed).filter((f) => f.environment !== 'eu');
    const carried = planLifecycle(states, judged, [], scope('2', { carried: new Set(['eu']) }));
    expect(carried.resolved.map(label).sort()).toEqual(['constraint us db.timeout', 'mismatch us db.timeout', 'parity g pool']);

    const failed = planLifecycle(states, judged, [], scope('2', { failed: new Set(['eu']) }));
    expect(failed.resolved.map(label)).not.toContain('parity g pool');
  });
});
