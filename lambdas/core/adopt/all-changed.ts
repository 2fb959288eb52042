import { kindOf } from '../kinds';
import type { ChangeRecord } from '../lifecycle/model';
import type { Finding } from '../model';

/** Keys of `environment` whose running value differs from the expected one (a syncable finding scoped to it): the candidates of `--all-changed`. */
export const driftedKeys = (findings: readonly Finding[], environment: string): string[] => [
  ...new Set(findings.filter((f) => kindOf(f.kind).syncable && f.environment === environment && f.key).map((f) => f.key as string)),
];

/**
 * True when the stored history shows the key changed at runtime to the value it has now: the last
 * recorded change set a value (it was not a removal) and, as the audit says it differs from the
 * baseline, that change is what moved it away.
 */
export const changedAtRuntime = (history: readonly ChangeRecord[]): boolean => {
  const last = history.at(-1);
  return last !== undefined && last.after !== null;
};
