import { Option } from 'commander';
import { SEVERITIES, isSeverity, type Severity } from '../core/severity';
import { UsageError } from './io';

/** Options every command that reads an estate takes. */
export interface CommonOptions {
  config: string;
  format: string;
  env?: string[];
  asOf?: string;
  store?: string | boolean;
}

export const configOption = () => new Option('-c, --config <file>', 'the estate file').default('drift.yaml');
export const envOption = () =>
  new Option('--env <names...>', 'only these environments (repeat or separate with commas)').argParser((v: string, prev: string[] | undefined) => [
    ...(prev ?? []),
    ...v.split(',').map((s) => s.trim()).filter(Boolean),
  ]);
export const asOfOption = () => new Option('--as-of <date>', 'judge dates (retirements, exceptions) as of this day or instant, UTC');
export const storeOption = () => new Option('--store <store>', 'where history lives: dynamodb:TABLE (default: embedded, in .drift/)');
export const noStoreOption = () => new Option('--no-store', 'keep no history for this run');

/** The instant the audit is judged at: now, or `--as-of`. */
export function auditInstant(asOf: string | undefined, now: () => Date): Date {
  if (!asOf) return now();
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T00:00:00Z` : asOf);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--as-of: "${asOf}" is not a date (YYYY-MM-DD) or an ISO instant`);
  return at;
}

export function parseSeverity(flag: string, value: string): Severity {
  if (!isSeverity(value)) throw new UsageError(`${flag}: "${value}" is not one of ${SEVERITIES.join(', ')}`);
  return value;
}

/** What each command prints: one list, for its help, its checking and its code. */
export const FORMATS = {
  audit: ['text', 'json', 'markdown', 'sarif'],
  estate: ['text', 'json'],
} as const;

/** `--format`, its choices checked as the flags are read (text by default). */
export const formatOption = (formats: readonly string[]) => new Option('--format <format>', 'how to print the result').choices(formats).default('text');

export function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}
