import { comparisonType, identity } from '../engine/equality';
import type { EffectiveConfig } from '../engine/effective-config';
import { isRuntimeKey } from '../keys';
import type { ParityGroup } from '../estate/model';
import type { Finding } from '../model';
import { displayValue, type Value } from '../values/value';
import { expectedValue, type Check, type CheckContext } from './check-context';

const UNKNOWN = '<unknown: a source failed>';

/** Cheap first pass: identical texts everywhere (and no absence) can never differ. */
function allSameText(values: Array<Value | null>): boolean {
  const first = values[0];
  if (!first || first.kind !== 'text') return false;
  return values.every((v) => v !== null && v.kind === 'text' && v.text === first.text);
}

function judgeKey(ctx: CheckContext, group: ParityGroup, configs: EffectiveConfig[], key: string): Finding | undefined {
  const spec = ctx.spec(key);
  if (spec?.perEnvironment || spec?.retired) return undefined;
  if (isRuntimeKey(key) && !spec) return undefined;
  if (configs.some((c) => expectedValue(spec, c.environment) !== undefined)) return undefined;

  const values = configs.map((c) => c.entries.get(key)?.value ?? null);
  if (allSameText(values)) return undefined;

  // Absence counts, unless the environment cannot know (a failed source, an unobserved runtime key).
  const known: Array<{ env: string; value: Value | null }> = [];
  configs.forEach((c, i) => {
    const v = values[i] ?? null;
    if (v === null && (c.failed.length > 0 || isRuntimeKey(key))) return;
    if (v !== null && v.kind === 'opaque') return;
    known.push({ env: c.environment, value: v });
  });
  const present = known.flatMap((k) => (k.value ? [k.value] : []));
  const type = comparisonType(key, spec, present);
  const ids = new Set(known.map((k) => (k.value ? identity(k.value, type) : null)));
  if (ids.size <= 1) return undefined;

  const shown: Record<string, string | null> = {};
  configs.forEach((c, i) => {
    const v = values[i] ?? null;
    shown[c.environment] = v ? displayValue(v) : known.some((k) => k.env === c.environment) ? null : UNKNOWN;
  });
  const summary = Object.entries(shown)
    .map(([env, v]) => `${env} ${v ?? '(not set)'}`)
    .join(', ');
  return ctx.make({
    kind: 'parity',
    severity: spec?.severity,
    group: group.name,
    key,
    subject: key,
    values: shown,
    owner: spec?.owner,
    message: `${key} differs across ${group.name}: ${summary}`,
  });
}

/** True when `config` has a key that is also set in one of the configs before it. */
function seenBefore(configs: EffectiveConfig[], upTo: number, key: string): boolean {
  for (let j = 0; j < upTo; j++) if ((configs[j] as EffectiveConfig).entries.has(key)) return true;
  return false;
}

/**
 * Every key set anywhere in the group, each once, to `judge`. A hot path (a million keys): the first
 * environment's keys are walked once, and the common case, the same text everywhere, is settled in
 * that walk without arrays or closures; the other environments are walked only for the keys the
 * first one lacks, and not at all when they have none.
 */
function eachDifferingCandidate(configs: EffectiveConfig[], judge: (key: string) => void): void {
  const first = configs[0] as EffectiveConfig;
  const shared = new Array<number>(configs.length).fill(0);
  for (const [key, entry] of first.entries) {
    const value = entry.value;
    let same = value.kind === 'text';
    for (let j = 1; j < configs.length; j++) {
      const other = (configs[j] as EffectiveConfig).entries.get(key);
      if (other === undefined) {
        same = false;
        continue;
      }
      shared[j] = (shared[j] as number) + 1;
      const v = other.value;
      if (same && v !== value && (v.kind !== 'text' || value.kind !== 'text' || v.text !== value.text)) same = false;
    }
    if (!same) judge(key);
  }
  for (let i = 1; i < configs.length; i++) {
    const config = configs[i] as EffectiveConfig;
    if (shared[i] === config.entries.size) continue;
    for (const key of config.entries.keys()) if (!seenBefore(configs, i, key)) judge(key);
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
      eachDifferingCandidate(configs, (key) => {
        const f = judgeKey(ctx, group, configs, key);
        if (f) out.push(f);
      });
    }
    return out;
  },
};
