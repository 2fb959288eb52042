import { SourceInputError } from './errors';
import { isRecord, type Rec } from './shape';

export const SSM_TYPES = ['String', 'StringList', 'SecureString'] as const;
export type SsmParameterType = (typeof SSM_TYPES)[number];

/**
 * One Parameter Store parameter with the AWS field names, so a recorded export's objects and the
 * SDK's `Parameter` objects are both read as they are, without a copy.
 */
export interface SsmParameter {
  Name: string;
  Type: SsmParameterType;
  /** Absent when the record holds metadata only (describe-parameters). */
  Value?: string;
  Version?: number;
  /** ISO 8601 text (CLI v2), epoch seconds (CLI v1) or a Date (the SDK). */
  LastModifiedDate?: string | number | Date;
  LastModifiedUser?: string;
  ARN?: string;
}

/**
 * The fields of a parameter that drift reads: the one list the parser's input type is derived from
 * and the byte scanner decodes (lambdas/core/sources/ssm-scan.ts); it steps over every other field.
 */
export const SSM_READ_FIELDS = ['Name', 'Type', 'Value', 'Version', 'LastModifiedDate', 'LastModifiedUser'] as const;
export type SsmReadField = (typeof SSM_READ_FIELDS)[number];

/** A parameter as `ssmObservations` reads it: a field not in SSM_READ_FIELDS is not there to read. */
export type SsmParameterRead = Pick<SsmParameter, SsmReadField> & {
  /** The number a scanner's ByteKeys gave the name's part under the source's path, read from its bytes (ssmObservations). */
  spelt?: number;
};

/** Fields checked (a string or null) but never read: the scanner checks them as it steps over them. */
export const SSM_CHECKED_FIELDS = ['ARN'] as const;

/** ISO 8601 in UTC as the CLI prints it: read without building a Date. */
export const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|\+00:00)$/;

/** True for what `LastModifiedDate` may hold: ISO text, epoch seconds within Date's range, a Date. */
export function isDate(v: unknown): boolean {
  if (typeof v === 'string') return ISO_UTC.test(v) || !Number.isNaN(Date.parse(v));
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= 8.64e12;
  return v instanceof Date && !Number.isNaN(v.getTime());
}

// Places are built only for an error message: the check runs once per parameter.
const place = (prefix: string, index: number): string => (index < 0 ? prefix : `${prefix}[${index}]`);

// Checked after the date, in this order: the first wrong one is the one said.
const STRINGS_AFTER_DATE = ['LastModifiedUser', ...SSM_CHECKED_FIELDS];

/** What is wrong with a parameter, by position and name (never its value), or undefined. */
function problemOf(p: unknown, knownDate: unknown): { name?: string; problem: string } | undefined {
  if (!isRecord(p)) return { problem: ' is not an object' };
  const name = p.Name;
  if (typeof name !== 'string' || name === '') return { problem: ': Name must be a non-empty string' };
  const type = p.Type;
  if (type !== 'String' && type !== 'StringList' && type !== 'SecureString')
    return { name, problem: `Type must be one of ${SSM_TYPES.join(', ')}` };
  const wrong = wrongType(p, 'Value', 'string') ?? wrongType(p, 'Version', 'number');
  if (wrong) return { name, problem: wrong };
  const date = p.LastModifiedDate;
  if (date !== undefined && date !== null && date !== knownDate && !isDate(date))
    return { name, problem: 'LastModifiedDate is not a date' };
  for (const field of STRINGS_AFTER_DATE) {
    const wrongString = wrongType(p, field, 'string');
    if (wrongString) return { name, problem: wrongString };
  }
  return undefined;
}

function wrongType(p: Rec, field: string, type: 'string' | 'number'): string | undefined {
  const v = p[field];
  return v !== undefined && v !== null && typeof v !== type ? `${field} must be a ${type}` : undefined;
}

/** One parameter's problem as a source error: `Parameters[3] /p/a: Version must be a number`. */
function problemMessage(prefix: string, index: number, found: { name?: string; problem: string }): string {
  const where = place(prefix, index);
  return found.name === undefined ? `${where}${found.problem}` : `${where} ${found.name}: ${found.problem}`;
}

/**
 * Checks exported parameters in place (`prefix[first + i]` names one in messages). A parameter that
 * fails its check is left out and said in `errors`, so the rest of the export is still read: the
 * list itself when every parameter passes, else a copy without the bad ones.
 */
export function checkParameters(list: readonly unknown[], errors: string[], prefix = 'Parameters', first = 0): SsmParameter[] {
  // The date of the last parameter that passed: exports give most parameters one date.
  let knownDate: unknown;
  let good: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const found = problemOf(p, knownDate);
    if (found === undefined) {
      knownDate = (p as Rec).LastModifiedDate;
      if (good) good.push(p);
      continue;
    }
    good ??= list.slice(0, i);
    errors.push(problemMessage(prefix, first + i, found));
  }
  return (good ?? list) as SsmParameter[];
}

function fromPage(page: unknown, where: string, into: SsmParameter[] | undefined, errors: string[]): SsmParameter[] {
  const out = into ?? [];
  if (isRecord(page) && Array.isArray(page.Parameters)) {
    const list = checkParameters(page.Parameters, errors, `${where}Parameters`);
    // A single page (the usual export) is handed on as it is: 40,000 parameters need no copy.
    if (!into) return list;
    for (let i = 0; i < list.length; i++) out.push(list[i] as SsmParameter);
    return out;
  }
  let one: unknown;
  let at: string;
  if (isRecord(page) && page.Parameter !== undefined) [one, at] = [page.Parameter, `${where}Parameter`];
  else if (isRecord(page) && 'Name' in page) [one, at] = [page, where || 'parameter'];
  else {
    throw new SourceInputError(
      `${where}not an SSM export: expected {"Parameters": [...]} (get-parameters-by-path), {"Parameter": {...}} (get-parameter) or a list of them`,
    );
  }
  const found = problemOf(one, undefined);
  if (found) errors.push(problemMessage(at, -1, found));
  else out.push(one as SsmParameter);
  return out;
}

/** True for a non-empty `NextToken`: a page that says more parameters follow it. */
export const pageHasNextToken = (page: unknown): boolean => isRecord(page) && typeof page.NextToken === 'string' && page.NextToken !== '';

/**
 * True when an export ends with a NextToken (its single page, or the last of a list of pages): the
 * CLI's `--max-items`, or one page of an SDK call, recorded part of the path.
 */
export const exportEndsWithNextToken = (json: unknown): boolean => pageHasNextToken(Array.isArray(json) ? json[json.length - 1] : json);

/** Why a truncated export cannot say a parameter was deleted. */
export const truncatedExport = (file: string): string =>
  `${file}: the export ends with a NextToken: it is one page of the listing (--max-items?), so the parameters after it are not recorded`;

/**
 * Parameters of what `aws ssm get-parameters-by-path` / `get-parameter` printed: one page or a list
 * of pages. The objects are checked in place and returned as they are (dates as printed); one that
 * fails its check is left out and said in `errors`. Throws a SourceInputError for what is no export.
 */
export function ssmParametersFromExport(json: unknown, errors: string[]): SsmParameter[] {
  if (!Array.isArray(json)) return fromPage(json, '', undefined, errors);
  const out: SsmParameter[] = [];
  for (let i = 0; i < json.length; i++) fromPage(json[i], `[${i}] `, out, errors);
  return out;
}
