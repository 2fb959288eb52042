import { kindOf } from '../kinds';
import type { Finding, SourceSnapshot } from '../model';
import { failedOver, type EffectiveConfig } from './effective-config';

/** The failed source that outranks the value a finding judges, so may set it otherwise; undefined where none does. */
export function failedOverride(f: Finding, configs: ReadonlyMap<string, EffectiveConfig>): SourceSnapshot | undefined {
  const kind = kindOf(f.kind);
  if (kind.subject !== 'key' || !kind.holdsValues || f.environment === undefined || f.key === undefined) return undefined;
  const config = configs.get(f.environment);
  if (!config?.failed.length) return undefined;
  const entry = config.entries.get(f.key);
  return entry && failedOver(config, entry);
}

/**
 * A finding on a key's value that a source of higher precedence, one that could not be read, may set
 * otherwise: its message says so. The environment is judged on the values it has (its source-error
 * says which source failed), but such a finding is no proof of what the environment runs.
 */
export function withFailedOverrideNotes(findings: readonly Finding[], configs: ReadonlyMap<string, EffectiveConfig>): Finding[] {
  return findings.map((f) => {
    const over = failedOverride(f, configs);
    return over ? { ...f, message: `${f.message} (${over.source.label} could not be read, and may set it otherwise)` } : f;
  });
}
