import { comparisonType, declaredType, identity } from '../engine/equality';
import { absenceUnknown, failedOver, type EffectiveConfig } from '../engine/effective-config';
import { sharedSpace, type ConfigRow } from '../engine/key-space';
import { autoscalerOwns } from '../engine/autoscaling';
import { judgedByCode } from '../code/code-reads';
import { anyKeyGlob } from '../key-glob';
import { isRuntimeKey } from '../keys';
import type { Estate, ParityGroup } from '../estate/model';
import type { Finding, Observation } from '../model';
import { displayValue, type Value } from '../values/value';
import type { KeySpec } from '../estate/model';
import { expectedValue, expectedWithUnit, shownWithUnit, type Check, type CheckContext } from './check-context';
import { expectedIdentity } from '../engine/expected-identity';

/** A parity finding's value for an environment that cannot say (a failed source): no part in the comparison. */
export const UNKNOWN = '<unknown: a source failed>';

/** Cheap first pass: identical texts everywhere (and no absence) can never differ. */
function allSameText(values: Array<Value | null>): boolean {
  const first = values[0];
  if (!first || first.kind !== 'text') return false;
  return values.every((v) => v !== null && v.kind === 'text' && v.text === first.text);
}

/** Why a member's value took no part in a parity comparison, in the words of the finding's message. */
function whyNotCompared(config: EffectiveConfig, key: string, value: Value | null): string {
  if (autoscalerOwns(config, key)) return 'replicas its autoscaler owns';
  if (value?.kind === 'opaque') return 'its value cannot be read';
  return config.failed.length > 0 ? 'a source failed' : 'its sources cannot observe it';
}

/**
 * `undeclared: ignore` means the team does not track undeclared keys: not in parity either, unless
 * the group names the keys it compares (`keys:`), which is tracking them.
 */
const undeclaredLeftOut = (estate: Estate, group: ParityGroup, spec: KeySpec | undefined): boolean =>
  !spec && estate.baseline.undeclared === 'ignore' && group.keys === undefined;

/** Whether the group compares `key` at all, as the check decides before it looks at any value. */
export const groupCompares = (estate: Estate, group: ParityGroup, key: string): boolean =>
  groupKeys(group)(key) && !undeclaredLeftOut(estate, group, estate.baseline.keys.get(key));

/** Which keys a group compares: not its `ignore:` globs, only its `keys:` globs when it has them. */
export function groupKeys(group: ParityGroup): (key: string) => boolean {
  const ignored = anyKeyGlob(group.ignore);
  const only = group.keys ? anyKeyGlob(group.keys) : undefined;
  return (key) => !ignored(key) && (only === undefined || only(key));
}

/**
 * The members the baseline's expected values leave to parity, compared with each other as with no
 * expected value, and the words the parity message adds; undefined when fewer than two are left (the
 * expected value judges the others, as it then does alone). Left are the members with no expected
 * value of their own (`values: { production-eu: 10 }` judges production-eu; production-us and
 * production-ap must still agree) and those whose value the expected one cannot judge (a written text
 * against a whole secret: an SSM parameter an ECS task takes through `secrets` is one by its source,
 * which the mismatch check passes over): `the baseline's 30s cannot judge a secret in staging, production`.
 */
function membersLeftToParity(
  key: string,
  spec: KeySpec,
  configs: EffectiveConfig[],
  id: number,
): { configs: EffectiveConfig[]; words: string } | undefined {
  const type = declaredType(key, spec);
  let shown: string | undefined;
  const left: EffectiveConfig[] = [];
  const blind: string[] = [];
  const judged: string[] = [];
  for (const c of configs) {
    const expected = expectedValue(spec, c.environment);
    const value = c.entries.at(id)?.value;
    if (expected === undefined) left.push(c);
    else if (value?.kind === 'secret' && expectedIdentity(expected, value, type) === undefined) {
      shown ??= expectedWithUnit(expected, type);
      left.push(c);
      blind.push(c.environment);
    } else judged.push(`${c.environment} (${expectedWithUnit(expected, type)})`);
  }
  if (left.length < 2) return undefined;
  const words = [
    // Members with no expected value of their own are compared: say why the others are not.
    blind.length < left.length && judged.length ? `the baseline expects its own value in ${judged.join(', ')}` : '',
    shown === undefined ? '' : `the baseline's ${shown} cannot judge a secret in ${blind.join(', ')}`,
  ];
  return { configs: left, words: words.filter(Boolean).join('; ') };
}

/**
 * Judges the key numbered `id` in the group's shared key space. Called for every key that is not the
 * same everywhere (tens of thousands on a drifting estate): loops over the environments, no
 * intermediate arrays per environment.
 */
function judgeKey(ctx: CheckContext, group: ParityGroup, members: EffectiveConfig[], key: string, id: number): Finding | undefined {
  const spec = ctx.spec(key);
  if (spec?.perEnvironment || spec?.retired) return undefined;
  const runtime = isRuntimeKey(key);
  if (runtime && !spec) return undefined;
  if (undeclaredLeftOut(ctx.estate, group, spec)) return undefined;
  let configs = members;
  let blind: string | undefined;
  if (spec && members.some((c) => expectedValue(spec, c.environment) !== undefined)) {
    const unjudged = membersLeftToParity(key, spec, members, id);
    if (unjudged === undefined) return undefined;
    ({ configs, words: blind } = unjudged);
  }

  const n = configs.length;
  const values = new Array<Value | null>(n);
  for (let i = 0; i < n; i++) values[i] = (configs[i] as EffectiveConfig).entries.at(id)?.value ?? null;
  if (allSameText(values)) return undefined;

  // Absence counts, unless the environment cannot know (a failed source, an unobserved runtime key); a value counts
  // unless a failed source outranks the layer it is read from (it may set the key otherwise: what runs is not known).
  const known = new Array<boolean>(n);
  const present: Value[] = [];
  for (let i = 0; i < n; i++) {
    const c = configs[i] as EffectiveConfig;
    const v = values[i] as Value | null;
    const outranked = c.failed.length > 0 && v !== null && failedOver(c, c.entries.at(id) as Observation) !== undefined;
    const knows = (v === null ? !absenceUnknown(c, key) : v.kind !== 'opaque' && !outranked) && !autoscalerOwns(c, key);
    known[i] = knows;
    if (knows && v !== null) present.push(v);
  }
  const type = comparisonType(key, spec, present);
  const ids = new Set<string | null | undefined>();
  for (let i = 0; i < n; i++) {
    const v = values[i] as Value | null;
    if (known[i]) ids.add(v ? identity(v, type) : null);
  }
  if (ids.size <= 1) return undefined;
  // One value where set, absent elsewhere, and the code reads it: `unset` says so, per environment, with what the code will do.
  if (ids.size === 2 && ids.has(null) && judgedByCode(ctx.code, key)) return undefined;

  const shown: Record<string, string | null> = {};
  const notCompared: string[] = [];
  const whyNot: string[] = [];
  const summary: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = configs[i] as EffectiveConfig;
    const env = c.environment;
    const v = values[i] as Value | null;
    const text = v ? displayValue(v) : known[i] ? null : UNKNOWN;
    shown[env] = text;
    if (known[i]) summary.push(`${env} ${v ? shownWithUnit(v, type) : '(not set)'}`);
    else {
      notCompared.push(env);
      const shownValue = v && v.kind !== 'opaque' ? ` ${shownWithUnit(v, type)}` : '';
      whyNot.push(`${env}${shownValue} (${whyNotCompared(c, key, v)})`);
    }
  }
  // Apart from the compared values: a member's value there (an autoscaler's replica count) would read as part of the drift.
  const left = whyNot.length ? `; not compared: ${whyNot.join(', ')}` : '';
  const unjudged = blind === undefined ? '' : `; ${blind}`;
  return ctx.make({
    kind: 'parity',
    severity: spec?.severity,
    group: group.name,
    key,
    subject: key,
    values: shown,
    ...(notCompared.length ? { notCompared } : {}),
    owner: spec?.owner,
    message: `${key} differs across ${group.name}: ${summary.join(', ')}${left}${unjudged}`,
  });
}

const sameText = (a: Value, b: Value): boolean => a.kind === 'text' && b.kind === 'text' && a.text === b.text;
// Equal fingerprints are equal secrets (as `identity` has it), whichever key made them.
const sameFingerprint = (a: Value, b: Value): boolean => a.kind === 'secret' && b.kind === 'secret' && a.fingerprint === b.fingerprint;

/**
 * Every key set anywhere in the group, each once, to `judge`, unless it is the same text, or the
 * same secret, everywhere.
 * A hot path (a million keys): the group's rows share one key space, so each key is a column read
 * by position, and the common case is settled without arrays or closures.
 */
function eachDifferingCandidate(configs: EffectiveConfig[], judge: (key: string, id: number) => void): void {
  const rows = configs.map((c) => c.entries);
  const space = sharedSpace(rows);
  for (let id = 0; id < space.size; id++) {
    let first: Value | undefined;
    let present = 0;
    let same = true;
    for (let j = 0; j < rows.length; j++) {
      const obs = (rows[j] as ConfigRow).at(id);
      if (obs === undefined) continue;
      present++;
      // Shared values are the same object in every environment: most cells compare by identity.
      const v = obs.value;
      if (first === undefined) {
        first = v;
        same = v.kind === 'text' || v.kind === 'secret';
      } else if (same && v !== first && !sameText(v, first) && !sameFingerprint(v, first)) same = false;
    }
    if (present > 0 && !(same && present === rows.length)) judge(space.keyAt(id), id);
  }
}

/** `parity`: a shared key has different values (absence counts) across a parity group. */
export const parityCheck: Check = {
  id: 'parity',
  run(ctx) {
    const out: Finding[] = [];
    for (const group of ctx.estate.parity) {
      const configs = group.environments.flatMap((e) => {
        const c = ctx.byEnvironment.get(e);
        return c ? [c] : [];
      });
      // A group is judged only when all its environments were audited in this run.
      if (configs.length !== group.environments.length || configs.length === 0) continue;
      const compared = groupKeys(group);
      eachDifferingCandidate(configs, (key, id) => {
        if (!compared(key)) return;
        const f = judgeKey(ctx, group, configs, key, id);
        if (f) out.push(f);
      });
    }
    return out;
  },
};
