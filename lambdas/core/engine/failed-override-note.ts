import { kindOf } from '../kinds';
import { entrySource } from '../checks/check-context';
import type { Finding, Observation, SourceSnapshot } from '../model';
import { displayValue } from '../values/value';
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

/** The sources of an environment that could not be read, by label: `ssm /prod/api/, dotenv prod.env`. */
export const failedLabels = (config: EffectiveConfig): string => config.failed.map((s) => s.source.label).join(', ');

/**
 * Why acting on `entry` would act blind: `over` (failedOver) could not be read `where` (` in production`, or nowhere said)
 * and may set the key over the layer read, so what `environment` runs is not known. `adopt` and `revert` refuse with it.
 */
export function unknownUnderFailed(
  config: EffectiveConfig,
  entry: Observation,
  over: SourceSnapshot,
  environment: string,
  where = '',
): string {
  const from = entrySource(config, entry);
  return `${over.source.label} could not be read${where}, and may set it over ${from.type} ${from.location} (${displayValue(entry.value)}): what ${environment} runs is not known`;
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
