import { InvalidArgumentError, Option } from 'commander';
import { REPORT_FORMATS } from '../adapters/reports/report-format-names';
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

/**
 * A file or folder flag's value, refused when it is another flag: `--record --no-store` (the folder forgotten) would
 * otherwise write a folder named `--no-store`, and `--report --env dev` a report file named `--env`.
 */
export function pathValue(v: string): string {
  if (v.startsWith('-') && v !== '-')
    throw new InvalidArgumentError(`${v} is an option, not a path (for a path that starts with -, write ./${v})`);
  return v;
}

export const configOption = () => new Option('-c, --config <file>', 'the estate file').default('drift.yaml').argParser(pathValue);
export const envOption = () =>
  new Option('--env <names...>', 'only these environments (repeat or separate with commas)').argParser(
    (v: string, prev: string[] | undefined) => {
      const names = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      // `--env "$TARGET"` with TARGET unset: none named is no filter at all, so say it rather than run every environment.
      if (!names.length) throw new InvalidArgumentError('name one or more environments');
      return [...(prev ?? []), ...names];
    },
  );
export const asOfOption = () => new Option('--as-of <date>', 'judge dates (retirements, exceptions) as of this day or instant, UTC');
export const storeOption = () => new Option('--store <store>', 'where history lives: dynamodb:TABLE (default: embedded, in .drift/)');
export const noStoreOption = () => new Option('--no-store', 'keep no history for this run');
/** `--no-store` where the command keeps and reads no history: accepted, so one set of flags serves every command. */
export const noHistoryOption = () => new Option('--no-store', 'accepted and changes nothing: this command keeps and reads no history');
export const trustPathsOption = () =>
  new Option(
    '--trust-estate-paths',
    "let the estate file's from: and baseline: paths lead outside its folder or to hidden files (only for an estate file you trust; or DRIFT_TRUST_ESTATE_PATHS=1)",
  );

/** The instant the audit is judged at: now, or `--as-of`. */
export function auditInstant(asOf: string | undefined, now: () => Date): Date {
  if (!asOf) return now();
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `${asOf}T00:00:00Z` : asOf);
  if (Number.isNaN(at.getTime()) || !isCalendarDate(asOf))
    throw new UsageError(`--as-of: "${asOf}" is not a date (YYYY-MM-DD) or an ISO instant`);
  return at;
}

/** False when the text starts with a day its month does not have (`2026-02-30`, which Date rolls over to March). */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** A severity flag's value, in any case (`HIGH`, `High`). */
export function parseSeverity(flag: string, value: string): Severity {
  const lower = value.toLowerCase();
  if (!isSeverity(lower)) throw new UsageError(`${flag}: "${value}" is not one of ${SEVERITIES.join(', ')}`);
  return lower;
}

/** A flag taking one of `values`, in any case (`--format JSON`); commander lists the choices in help and checks them. */
function enumOption(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values).argParser((v: string) => {
    const lower = v.toLowerCase();
    if (!values.includes(lower)) throw new InvalidArgumentError(`Allowed choices are ${values.join(', ')}.`);
    return lower;
  });
}

export const failOnOption = () =>
  enumOption('--fail-on <severity>', 'exit 1 when a finding is at or above this severity', SEVERITIES).default('high');
export const failOnNewOption = () =>
  new Option(
    '--fail-on-new',
    'exit 1 only when a finding at or above --fail-on is new in this run (needs the store: with --no-store or --as-of every finding is new)',
  );
export const outputOption = () =>
  new Option(
    '--output <format=file>',
    'also write FORMAT to FILE, repeatable (--output sarif=drift.sarif --output markdown=summary.md); stdout keeps --format',
  ).argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);

export const reportOption = () =>
  new Option('--report <file>', 'also write the HTML report (one self-contained page: matrix, findings, filters) to FILE').argParser(
    pathValue,
  );

/** What each command prints: one list, for its help, its checking and its code (the audit's: the report registry's). */
export const FORMATS = {
  audit: REPORT_FORMATS,
  estate: ['text', 'json'],
} as const;

/** `--format`, its choices checked as the flags are read (text by default). */
export const formatOption = (formats: readonly string[]) =>
  enumOption('--format <format>', 'how to print the result', formats).default('text');

/** A format's name, in any case, checked against a command's list. */
export function parseFormat<T extends string>(value: string, allowed: readonly T[], flag = '--format'): T {
  const lower = value.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
  return lower as T;
}
