import { canonicalSsmKey } from '../keys';
import type { Observation, Origin } from '../model';
import { makeValue, type Value } from '../values/value';
import { lastWins } from './config-file';
import type { ParseContext } from './context';
import { SourceInputError } from './errors';
import type { SourceParseResult } from './result';

export const SSM_TYPES = ['String', 'StringList', 'SecureString'] as const;
export type SsmParameterType = (typeof SSM_TYPES)[number];

/** One Parameter Store parameter, as both the recorded and the live collector see it. */
export interface SsmParameter {
  name: string;
  type: SsmParameterType;
  /** Absent when the record holds metadata only (describe-parameters). */
  value?: string;
  version?: number;
  /** ISO 8601. */
  lastModifiedDate?: string;
  lastModifiedUser?: string;
  arn?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function optional<T>(p: Json, field: string, where: () => string, type: 'string' | 'number'): T | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type) throw new SourceInputError(`${where()}: ${field} must be a ${type}`);
  return v as T;
}

/** The CLI prints LastModifiedDate as ISO text (v2) or epoch seconds (v1). */
const ISO_UTC = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(?:Z|\+00:00)$/;

function isoDate(p: Json, where: () => string): string | undefined {
  const v = p.LastModifiedDate;
  if (v === undefined || v === null) return undefined;
  // The usual spelling is rewritten without building a Date: exports hold many thousands.
  const m = typeof v === 'string' ? ISO_UTC.exec(v) : null;
  if (m) return `${m[1]}${(m[2] ?? '.000').slice(0, 4).padEnd(4, '0')}Z`;
  const date = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new SourceInputError(`${where()}: LastModifiedDate is not a date`);
  return date.toISOString();
}

function toParameter(p: unknown, at: string | (() => string)): SsmParameter {
  // Places are built only for an error message: this runs once per parameter.
  const here = () => (typeof at === 'string' ? at : at());
  if (!isObject(p)) throw new SourceInputError(`${here()} is not an object`);
  if (typeof p.Name !== 'string' || p.Name === '') throw new SourceInputError(`${here()}: Name must be a non-empty string`);
  const name = p.Name;
  const where = () => `${here()} ${name}`;
  if (!SSM_TYPES.includes(p.Type as SsmParameterType)) {
    throw new SourceInputError(`${where()}: Type must be one of ${SSM_TYPES.join(', ')}`);
  }
  const out: SsmParameter = { name: p.Name, type: p.Type as SsmParameterType };
  const value = optional<string>(p, 'Value', where, 'string');
  if (value !== undefined) out.value = value;
  const version = optional<number>(p, 'Version', where, 'number');
  if (version !== undefined) out.version = version;
  const lastModifiedDate = isoDate(p, where);
  if (lastModifiedDate !== undefined) out.lastModifiedDate = lastModifiedDate;
  const lastModifiedUser = optional<string>(p, 'LastModifiedUser', where, 'string');
  if (lastModifiedUser !== undefined) out.lastModifiedUser = lastModifiedUser;
  const arn = optional<string>(p, 'ARN', where, 'string');
  if (arn !== undefined) out.arn = arn;
  return out;
}

function fromPage(page: unknown, where: string): SsmParameter[] {
  if (isObject(page) && Array.isArray(page.Parameters)) {
    return page.Parameters.map((p, i) => toParameter(p, () => `${where}Parameters[${i}]`));
  }
  if (isObject(page) && page.Parameter !== undefined) return [toParameter(page.Parameter, `${where}Parameter`)];
  if (isObject(page) && 'Name' in page) return [toParameter(page, where || 'parameter')];
  throw new SourceInputError(
    `${where}not an SSM export: expected {"Parameters": [...]} (get-parameters-by-path), {"Parameter": {...}} (get-parameter) or a list of them`,
  );
}

/** Parameters of what `aws ssm get-parameters-by-path` / `get-parameter` printed: one page or a list of pages. */
export function ssmParametersFromExport(json: unknown): SsmParameter[] {
  if (!Array.isArray(json)) return fromPage(json, '');
  return json.flatMap((page, i) => fromPage(page, `[${i}] `));
}

function ssmValue(p: SsmParameter, key: string, decrypted: boolean, ctx: ParseContext): Value {
  if (p.value === undefined) return { kind: 'opaque', reason: 'value not recorded' };
  if (p.type === 'SecureString') {
    // Without decryption the CLI prints the KMS ciphertext, which changes on every write.
    if (!decrypted) return { kind: 'opaque', reason: 'SecureString recorded without decryption' };
    return makeValue(p.value, true, ctx.fp);
  }
  return makeValue(p.value, ctx.isSecretKey(key), ctx.fp);
}

/** Observations of the parameters under `path`; SecureStrings and secret-named keys are fingerprinted. */
export function ssmObservations(
  params: readonly SsmParameter[],
  path: string,
  ctx: ParseContext,
  opts: { decrypted?: boolean } = {},
): SourceParseResult {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const observations: Observation[] = [];
  const errors: string[] = [];
  for (const p of params) {
    if (!p.name.startsWith(prefix)) continue;
    const key = canonicalSsmKey(p.name, path);
    if (key === '') {
      errors.push(`${p.name}: the key is empty once canonicalised`);
      continue;
    }
    const origin: Origin = { source: ctx.source, location: p.name };
    if (p.version !== undefined) origin.version = p.version;
    if (p.lastModifiedDate !== undefined) origin.modifiedAt = p.lastModifiedDate;
    if (p.lastModifiedUser !== undefined) origin.modifiedBy = p.lastModifiedUser;
    observations.push({ key, rawKey: p.name, value: ssmValue(p, key, opts.decrypted ?? true, ctx), origin });
  }
  return { observations: lastWins(observations), dangling: [], errors };
}
