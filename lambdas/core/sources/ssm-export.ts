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
export type SsmParameterRead = Pick<SsmParameter, SsmReadField>;

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

function fail(prefix: string, index: number, name: string | undefined, problem: string): never {
  const where = place(prefix, index);
  throw new SourceInputError(name === undefined ? `${where}${problem}` : `${where} ${name}: ${problem}`);
}

function checkOptional(p: Rec, field: string, type: 'string' | 'number', prefix: string, index: number): void {
  const v = p[field];
  if (v !== undefined && v !== null && typeof v !== type) fail(prefix, index, p.Name as string, `${field} must be a ${type}`);
}

/**
 * Checks one exported parameter in place; throws a SourceInputError naming it by position.
 * `knownDate` passed its check already (exports give most parameters one date).
 */
function checkParameter(p: unknown, prefix: string, index: number, knownDate?: unknown): asserts p is SsmParameter {
  if (!isRecord(p)) fail(prefix, index, undefined, ' is not an object');
  const name = p.Name;
  if (typeof name !== 'string' || name === '') fail(prefix, index, undefined, ': Name must be a non-empty string');
  const type = p.Type;
  if (type !== 'String' && type !== 'StringList' && type !== 'SecureString')
    fail(prefix, index, name, `Type must be one of ${SSM_TYPES.join(', ')}`);
  checkOptional(p, 'Value', 'string', prefix, index);
  checkOptional(p, 'Version', 'number', prefix, index);
  const date = p.LastModifiedDate;
  if (date !== undefined && date !== null && date !== knownDate && !isDate(date))
    fail(prefix, index, name, 'LastModifiedDate is not a date');
  checkOptional(p, 'LastModifiedUser', 'string', prefix, index);
  for (const field of SSM_CHECKED_FIELDS) checkOptional(p, field, 'string', prefix, index);
}

/** Checks exported parameters in place (`prefix[i]` names one in messages); throws a SourceInputError. */
export function checkParameters(list: unknown[], prefix = 'Parameters'): SsmParameter[] {
  let knownDate: unknown;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    checkParameter(p, prefix, i, knownDate);
    knownDate = p.LastModifiedDate;
  }
  return list as SsmParameter[];
}

function fromPage(page: unknown, where: string, into: SsmParameter[] | undefined): SsmParameter[] {
  const out = into ?? [];
  if (isRecord(page) && Array.isArray(page.Parameters)) {
    const list = checkParameters(page.Parameters, `${where}Parameters`);
    // A single page (the usual export) is handed on as it is: 40,000 parameters need no copy.
    if (!into) return list;
    for (let i = 0; i < list.length; i++) out.push(list[i] as SsmParameter);
    return out;
  }
  let one: unknown;
  if (isRecord(page) && page.Parameter !== undefined) checkParameter((one = page.Parameter), `${where}Parameter`, -1);
  else if (isRecord(page) && 'Name' in page) checkParameter((one = page), where || 'parameter', -1);
  else {
    throw new SourceInputError(
      `${where}not an SSM export: expected {"Parameters": [...]} (get-parameters-by-path), {"Parameter": {...}} (get-parameter) or a list of them`,
    );
  }
  out.push(one);
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
 * of pages. The objects are checked in place and returned as they are (dates as printed).
 */
export function ssmParametersFromExport(json: unknown): SsmParameter[] {
  if (!Array.isArray(json)) return fromPage(json, '', undefined);
  const out: SsmParameter[] = [];
  for (let i = 0; i < json.length; i++) fromPage(json[i], `[${i}] `, out);
  return out;
}
