import type { Estate, ExceptionSpec } from '../estate/model';
import type { ExceptionRef, Finding } from '../model';
import { inferType } from '../values/types';
import { textValue } from '../values/value';
import { addDays } from './dates';
import { declaredType, identity } from './equality';
import type { FindingDraft } from './finding-factory';

/** Findings an exception may never excuse. */
const NEVER_EXCUSED = new Set(['exception-expired', 'changed']);

/** Days before expiry from which a suppressed finding is flagged. */
export const EXPIRY_WARNING_DAYS = 7;

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** True when `actual` (as shown) is the exception's value, compared by the key's type. */
function valueMatches(estate: Estate, key: string, expected: string, actual: string | null | undefined): boolean {
  if (actual === undefined || actual === null) return false;
  const type = declaredType(key, estate.baseline.keys.get(key)) ?? inferType(expected);
  return identity(textValue(expected), type) === identity(textValue(actual), type);
}

function excuses(estate: Estate, ex: ExceptionSpec, f: Finding): boolean {
  if (NEVER_EXCUSED.has(f.kind) || (ex.kinds && !ex.kinds.includes(f.kind))) return false;
  if (ex.key !== f.key && ex.key !== f.rule) return false;
  const groups = new Map(estate.parity.map((g) => [g.name, g.environments]));
  if (f.environment !== undefined) {
    const inScope = ex.environment !== undefined ? globToRegExp(ex.environment).test(f.environment) : (groups.get(ex.group ?? '') ?? []).includes(f.environment);
    return inScope && (ex.value === undefined || valueMatches(estate, ex.key, ex.value, f.actual));
  }
  if (ex.group !== undefined) {
    return ex.group === f.group && (ex.value === undefined || Object.values(f.values ?? {}).some((v) => valueMatches(estate, ex.key, ex.value as string, v)));
  }
  // An environment exception excuses a parity finding through that environment's value.
  const re = globToRegExp(ex.environment ?? '');
  return Object.entries(f.values ?? {}).some(([env, v]) => re.test(env) && (ex.value === undefined || valueMatches(estate, ex.key, ex.value as string, v)));
}

const toRef = (ex: ExceptionSpec): ExceptionRef => ({
  ...(ex.environment !== undefined ? { environment: ex.environment } : {}),
  ...(ex.group !== undefined ? { group: ex.group } : {}),
  key: ex.key,
  ...(ex.value !== undefined ? { value: ex.value } : {}),
  reason: ex.reason,
  ...(ex.ticket !== undefined ? { ticket: ex.ticket } : {}),
  expires: ex.expires,
});

/**
 * Live exceptions move findings to `suppressed`; an expired one turns the finding it excused into
 * `exception-expired`, carrying its values.
 */
export function applyExceptions(
  estate: Estate,
  findings: Finding[],
  today: string,
  make: (d: FindingDraft) => Finding,
): { findings: Finding[]; suppressed: Finding[] } {
  const exceptions = estate.baseline.exceptions;
  if (!exceptions.length) return { findings, suppressed: [] };
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const matching = exceptions.filter((ex) => excuses(estate, ex, f));
    const live = matching.find((ex) => today <= ex.expires);
    if (live) {
      suppressed.push({ ...f, exception: toRef(live), ...(live.expires <= soon ? { expiresSoon: true } : {}) });
      continue;
    }
    const expired = matching[0];
    if (!expired) {
      kept.push(f);
      continue;
    }
    const { id, kind: _kind, estate: _estate, ...carried } = f;
    kept.push(
      make({
        ...carried,
        kind: 'exception-expired',
        severity: f.severity,
        subject: id,
        exception: toRef(expired),
        message: `the exception for ${expired.key} (${expired.reason}${expired.ticket ? `, ${expired.ticket}` : ''}) expired on ${expired.expires} and the drift is still there: ${f.message}`,
      }),
    );
  }
  return { findings: kept, suppressed };
}
