import { audit } from '../../../lambdas/core/engine/audit';
import type { FlagSeen } from '../../../lambdas/core/flags/flags-seen';
import type { EnvironmentSnapshot, SourceType } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

const ENVS = ['dev', 'staging', 'prod'];
const DAY = 86_400_000;
/** ISO time `days` before NOW (2026-11-24T02:00Z). */
const ago = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();

/** One source per environment setting `values[env]`, each value last modified `modifiedDaysAgo` days ago where given. */
function snapshots(
  values: Record<string, Record<string, string>>,
  modifiedDaysAgo?: Record<string, number>,
  type: SourceType = 'file',
): EnvironmentSnapshot[] {
  return Object.entries(values).map(([env, given]) => {
    const snap = snapshot(env, { type, values: given });
    const days = modifiedDaysAgo?.[env];
    if (days === undefined) return snap;
    for (const o of snap.sources[0]!.observations) o.origin = { ...o.origin, modifiedAt: ago(days) };
    return snap;
  });
}

const everywhere = (values: Record<string, string>): Record<string, Record<string, string>> =>
  Object.fromEntries(ENVS.map((e) => [e, values]));
const allAged = (days: number): Record<string, number> => Object.fromEntries(ENVS.map((e) => [e, days]));

function staleFlags(extra: string, snaps: EnvironmentSnapshot[], seen: Map<string, FlagSeen> = new Map()): string[] {
  const estate = estateFrom(estateYaml(ENVS, `baseline:\n  undeclared: ignore\n${extra}`));
  return audit(estate, snaps, NOW, undefined, seen)
    .findings.filter((f) => f.kind === 'stale-flag')
    .map((f) => f.message);
}

describe('stale-flag: a flag with one value everywhere for longer than flags.lifetime', () => {
  test('a feature.* bool equal everywhere, last modified 90 days ago: exactly the finding, estate-wide', () => {
    const estate = estateFrom(estateYaml(ENVS, 'baseline:\n  undeclared: ignore\n'));
    const result = audit(estate, snapshots(everywhere({ 'feature.search.v2.enabled': 'true' }), allAged(90)), NOW);
    expect(result.findings).toHaveLength(1);
    const [f] = result.findings;
    expect(f).toMatchObject({ kind: 'stale-flag', severity: 'low', key: 'feature.search.v2.enabled', actual: 'true' });
    expect(f!.environment).toBeUndefined();
    expect(f!.group).toBeUndefined();
    expect(f!.message).toBe(
      'feature.search.v2.enabled has been true everywhere since 2026-08-26: remove the flag and the code that reads it',
    );
  });

  test('bools written differently are the same value; the newest modification dates the flag', () => {
    const values = { dev: { 'feature.x': 'True' }, staging: { 'feature.x': 'yes' }, prod: { 'feature.x': 'true' } };
    expect(staleFlags('', snapshots(values, { dev: 200, staging: 60, prod: 90 }))).toEqual([
      `feature.x has been true everywhere since ${ago(60).slice(0, 10)}: remove the flag and the code that reads it`,
    ]);
  });

  test('look-alikes give none: differs in one environment, equal for 10 days, flag: false, not a bool, absent somewhere', () => {
    const differs = { dev: { 'feature.x': 'true' }, staging: { 'feature.x': 'true' }, prod: { 'feature.x': 'false' } };
    expect(staleFlags('', snapshots(differs, allAged(90)))).toEqual([]);
    expect(staleFlags('', snapshots(everywhere({ 'feature.x': 'true' }), allAged(10)))).toEqual([]);
    expect(staleFlags('  keys:\n    feature.x: { flag: false }\n', snapshots(everywhere({ 'feature.x': 'true' }), allAged(90)))).toEqual(
      [],
    );
    expect(staleFlags('', snapshots(everywhere({ 'feature.rollout.percent': '100' }), allAged(90)))).toEqual([]);
    const absent = { dev: {}, staging: { 'feature.x': 'true' }, prod: { 'feature.x': 'true' } };
    expect(staleFlags('', snapshots(absent, allAged(90)))).toEqual([]);
  });

  test('a bool outside feature.* is a flag only when declared one', () => {
    const snaps = snapshots(everywhere({ 'checkout.fast.path': 'false' }), allAged(90));
    expect(staleFlags('', snaps)).toEqual([]);
    expect(staleFlags('  keys:\n    checkout.fast.path: { flag: true }\n', snaps)).toEqual([
      `checkout.fast.path has been false everywhere since ${ago(90).slice(0, 10)}: remove the flag and the code that reads it`,
    ]);
  });

  test('a kill switch kept on purpose is excused by an exception covering every environment', () => {
    const estate = estateFrom(
      estateYaml(
        ENVS,
        'baseline:\n  undeclared: ignore\n  keys:\n    feature.x: {}\n  exceptions:\n    - { environment: "*", key: feature.x, kinds: [stale-flag], permanent: true, reason: kill switch }\n',
      ),
    );
    const result = audit(estate, snapshots(everywhere({ 'feature.x': 'true' }), allAged(90)), NOW);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => f.kind)).toEqual(['stale-flag']);
  });

  // `undeclared: ignore` silences the undeclared and parity findings of keys the team does not track; a `feature.*`
  // bool is a flag by its name (the spec's default), so its staleness is still judged. A team that keeps its flags
  // elsewhere opts every one out with one permanent exception on the glob.
  test('under undeclared: ignore an undeclared feature.* bool is still a flag; a glob exception opts them all out', () => {
    const snaps = snapshots(everywhere({ 'feature.x': 'true', 'feature.y.enabled': 'false' }), allAged(90));
    expect(staleFlags('', snaps)).toHaveLength(2);
    const estate = estateFrom(
      estateYaml(
        ENVS,
        'baseline:\n  undeclared: ignore\n  exceptions:\n    - { environment: "*", key: "feature.*", kinds: [stale-flag], permanent: true, reason: flags live in LaunchDarkly }\n',
      ),
    );
    const result = audit(estate, snaps, NOW);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => f.key).sort()).toEqual(['feature.x', 'feature.y.enabled']);
  });

  test('flags.lifetime sets the age: 90 days is within a lifetime of 120d', () => {
    const snaps = snapshots(everywhere({ 'feature.x': 'true' }), allAged(90));
    expect(staleFlags('flags: { lifetime: 120d }\n', snaps)).toEqual([]);
    expect(staleFlags('flags: { lifetime: 60d }\n', snaps)).toHaveLength(1);
  });

  test('without a modification time in every environment and no store memory, the age is unknown: none', () => {
    expect(staleFlags('', snapshots(everywhere({ 'feature.x': 'true' }), { dev: 90, staging: 90 }))).toEqual([]);
  });

  test("the store's first sight of the value everywhere ages the flag, when older than the platform's times", () => {
    const snaps = snapshots(everywhere({ 'feature.x': 'true' }), allAged(5));
    const seen = (value: FlagSeen['value']) => new Map([['feature.x', { since: ago(90), value }]]);
    expect(staleFlags('', snaps, seen('true'))).toEqual([
      `feature.x has been true everywhere since ${ago(90).slice(0, 10)}: remove the flag and the code that reads it`,
    ]);
    // Memory of another value (it was false everywhere, or differed) says nothing about this one.
    expect(staleFlags('', snaps, seen('false'))).toEqual([]);
    expect(staleFlags('', snaps, seen('differs'))).toEqual([]);
  });

  test('a run that did not read every environment, or where a source failed, judges no flag', () => {
    const all = snapshots(everywhere({ 'feature.x': 'true' }), allAged(90));
    expect(staleFlags('', all.slice(0, 2))).toEqual([]);
    const failed = all.map((s) => (s.environment === 'prod' ? { ...s, sources: [{ ...s.sources[0]!, errors: ['timeout'] }] } : s));
    expect(staleFlags('', failed)).toEqual([]);
  });

  test('AppConfig feature flags: `<flag>.enabled` served by appconfig everywhere counts; the same key from a file does not', () => {
    const values = everywhere({ 'checkout.new.flow.enabled': 'true' });
    expect(staleFlags('', snapshots(values, allAged(90), 'appconfig'))).toHaveLength(1);
    expect(staleFlags('', snapshots(values, allAged(90), 'file'))).toEqual([]);
  });
});
