import { carriedKind } from './carried-kind';
import { kindOf } from './kinds';
import type { Finding } from './model';
import { shellQuote } from './shell-quote';

/** The command lines that make the runtime and the baseline agree on one finding, either way. */
export interface SyncCommands {
  /** Runtime → baseline: the value running now becomes the expected one. */
  adopt: string[];
  /** Baseline → runtime: prints the commands that bring the running value back (runs nothing). */
  revert: string[];
}

const line = (...words: string[]): string => words.map(shellQuote).join(' ');

/**
 * One `--everywhere` adoption per distinct value of a parity group, from the first environment
 * holding it: choosing the command is choosing which value is right. No revert: the baseline has
 * no expected value for the group to go back to until one is adopted.
 */
function parityCommands(key: string, values: Readonly<Record<string, string | null>>): SyncCommands {
  const firstHolder = new Map<string, string>();
  for (const [environment, value] of Object.entries(values)) {
    if (value !== null && !firstHolder.has(value)) firstHolder.set(value, environment);
  }
  return { adopt: [...firstHolder.values()].map((env) => `${line('drift', 'adopt', env, key)} --everywhere`), revert: [] };
}

/**
 * `drift adopt` / `drift revert` for a finding whose kind is syncable, or that carries one whose
 * exception expired (the same drift, the same way out); undefined for any other.
 */
export function syncCommands(f: Finding): SyncCommands | undefined {
  const kind = carriedKind(f) ?? f.kind;
  // Findings read back from the store carry null for absent fields.
  if (!kindOf(kind).syncable || typeof f.key !== 'string') return undefined;
  if (typeof f.environment === 'string') {
    return { adopt: [line('drift', 'adopt', f.environment, f.key)], revert: [line('drift', 'revert', f.environment, f.key)] };
  }
  return f.values && typeof f.values === 'object' ? parityCommands(f.key, f.values) : undefined;
}
