import { SOURCE_KINDS } from '../source-kinds/registry';
import { originOf, type EffectiveConfig } from '../engine/effective-config';
import type { Estate, KeySpec } from '../estate/model';
import { parseTyped } from '../values/types';
import { FLAG_PREFIX } from './flag-prefix';

export { FLAG_PREFIX };

/** A flag's value where every environment agrees: `true` or `false`. */
export type FlagValue = 'true' | 'false';

/** An AppConfig feature flag's on/off key (`<flag>.enabled`): a flag when AppConfig serves it everywhere. */
const APPCONFIG_FLAG_SUFFIX = '.enabled';

/**
 * Whether a key may be a flag by its name and declaration: `flag:` decides when given; otherwise an
 * untyped or bool key under `feature.*`, or a `*.enabled` key (a flag only where AppConfig serves it).
 */
export function mayBeFlag(key: string, spec: KeySpec | undefined): boolean {
  if (spec?.flag !== undefined) return spec.flag;
  if (spec?.type !== undefined && spec.type !== 'bool') return false;
  return key.startsWith(FLAG_PREFIX) || key.endsWith(APPCONFIG_FLAG_SUFFIX);
}

/** The keys worth asking about: declared flags and the candidates among `keys` (those of one environment). */
export function flagCandidates(estate: Estate, keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const [key, spec] of estate.baseline.keys) if (spec.flag) out.add(key);
  for (const key of keys) if (mayBeFlag(key, estate.baseline.keys.get(key))) out.add(key);
  return out;
}

/** True when the run read every environment of the estate in full: only then is "the same everywhere" known. */
export const readsWholeEstate = (estate: Estate, configs: readonly EffectiveConfig[]): boolean =>
  configs.length === estate.environments.length && configs.every((c) => c.failed.length === 0);

/**
 * The one value a flag holds in every environment, or undefined when it is not a flag there, is
 * absent or not a bool somewhere, or differs. A `*.enabled` key not declared a flag counts only
 * when a source of a kind that serves flags (`appconfig`: servesFlags) gives its value in every environment.
 */
export function sharedFlagValue(key: string, spec: KeySpec | undefined, configs: readonly EffectiveConfig[]): FlagValue | undefined {
  if (!configs.length || !mayBeFlag(key, spec)) return undefined;
  const byName = spec?.flag === true || key.startsWith(FLAG_PREFIX);
  let shared: string | undefined;
  for (const config of configs) {
    const entry = config.entries.get(key);
    if (!entry || entry.value.kind !== 'text') return undefined;
    if (!byName && !SOURCE_KINDS[originOf(config, entry).source.type].servesFlags) return undefined;
    const parsed = parseTyped('bool', entry.value.text);
    if (!parsed.ok || (shared !== undefined && parsed.canonical !== shared)) return undefined;
    shared = parsed.canonical;
  }
  return shared as FlagValue | undefined;
}

/**
 * Whether `key` is a flag in one environment: declared `flag: true`, or a flag there by its name and bool
 * value as sharedFlagValue judges it (a text under `feature.*` is not one, nor a `*.enabled` no flag service serves).
 */
export const isFlagIn = (key: string, spec: KeySpec | undefined, config: EffectiveConfig): boolean =>
  spec?.flag === true || sharedFlagValue(key, spec, [config]) !== undefined;
