import { environmentGlob } from '../engine/exceptions';
import { FLAG_PREFIX } from '../flags/flag-prefix';
import { isKeyGlob, keyGlob } from '../key-glob';
import { canonicalKey } from '../keys';
import { RUNTIME_KEYS, runtimeKeyType } from '../runtime-keys';
import { didYouMean } from './did-you-mean';
import type { KeySpec } from './model';

/** True for a glob whose literal start lies under `feature.` (`feature.*`, `FEATURE_SEARCH_*`): it can match flags by their name. */
function underFlagPrefix(glob: string): boolean {
  const head = canonicalKey(glob.slice(0, glob.search(/[*?]/)));
  return `${head}.`.startsWith(FLAG_PREFIX) && head.length >= FLAG_PREFIX.length - 1;
}

/**
 * Why an exception's `key` excuses nothing, if it does not: it names no declared key (`runtime.*`
 * are built in) and no rule, or, as a glob (`payment.*`), matches none. Where undeclared keys are
 * judged (`undeclared` is a severity), a key the baseline does not declare has findings of its own
 * (undeclared, parity) to excuse: refused only near a declared key or rule, as the typo it likely is. A key under
 * `feature.*` (or a glob written under it) is a flag by its name whatever `undeclared` says: its `stale-flag` is there to excuse.
 */
export function exceptionKeyProblem(
  rawKey: string,
  keys: ReadonlyMap<string, KeySpec>,
  ruleNames: readonly string[],
  undeclaredJudged: boolean,
): string | undefined {
  // Rules are matched by their canonical spelling, as the audit looks them up.
  const ruleKeys = ruleNames.map(canonicalKey);
  if (isKeyGlob(rawKey)) {
    if (underFlagPrefix(rawKey)) return undefined;
    const test = keyGlob(rawKey);
    for (const k of keys.keys()) if (test(k)) return undefined;
    if (Object.keys(RUNTIME_KEYS).some(test) || ruleKeys.some(test)) return undefined;
    return `key glob "${rawKey}" matches no key declared in the baseline and no rule`;
  }
  const key = canonicalKey(rawKey);
  if (keys.has(key) || runtimeKeyType(key) !== undefined || ruleKeys.includes(key) || key.startsWith(FLAG_PREFIX)) return undefined;
  const near = didYouMean(key, [...keys.keys(), ...Object.keys(RUNTIME_KEYS)]) ?? didYouMean(rawKey, ruleNames);
  if (undeclaredJudged && !near) return undefined;
  return `key ${key} is not declared in the baseline and is not a rule${near ? ` (did you mean "${near}"?)` : ''}`;
}

/** Why an exception's environment glob (`production-*`) excuses nothing, if it does not. */
export function environmentGlobProblem(glob: string, environments: readonly string[]): string | undefined {
  const matches = environmentGlob(glob);
  if (environments.some(matches)) return undefined;
  return `environment glob "${glob}" matches no environment (the estate has ${environments.join(', ')})`;
}
