import type { Estate, ExceptionSpec } from '../estate/model';
import { isKeyGlob, keyGlob } from '../key-glob';
import { canonicalKey } from '../keys';
import { kindOf } from '../kinds';
import type { ExceptionRef, Finding } from '../model';
import { writtenType } from '../values/types';
import { visibleRest, writtenVisibleRest } from '../values/masked';
import { displayValue, textValue, writtenValue, type Value } from '../values/value';
import { wildcardTest } from '../wildcard';
import { addDays } from './dates';
import { UNKNOWN } from '../checks/parity';
import { comparisonType, declaredType, identity } from './equality';
import { writtenRef } from './expected-identity';
import type { FindingDraft } from './finding-factory';

/** Days before expiry from which a suppressed finding is flagged. */
export const EXPIRY_WARNING_DAYS = 7;

/** An exception's environment glob (`production-*`) as the audit matches it. */
export const environmentGlob = (glob: string): ((environment: string) => boolean) => wildcardTest(glob);

/** The value an environment runs for a key, as drift holds it (not as it is shown): what an exception's value is compared with. */
export type RunningValue = (environment: string, key: string) => Value | undefined;

/**
 * True when the running value is the exception's value, compared by the key's type. `actual` is the
 * value as the finding shows it (cut past 200 characters, control characters escaped); `running`, when
 * it is the value shown, is the value itself, so a long value or one with a newline is matched whole.
 * A huge value is compared by its digest; a secret by the fingerprint it is shown with, which is all an
 * exception can write; a URL shown with its password hidden is compared without it, as the mismatch
 * check compares it with the baseline's: an exception cannot write the password either.
 */
function valueMatches(estate: Estate, key: string, expected: string, actual: string | null | undefined, running?: Value): boolean {
  if (actual === undefined || actual === null) return false;
  const written = writtenValue(expected);
  const type = declaredType(key, estate.baseline.keys.get(key)) ?? writtenType(expected);
  if (running && (running.kind === 'text' || running.kind === 'large') && displayValue(running) === actual)
    return identity(written, type) === identity(running, type);
  // A reference is compared by its whole target: shown, a long one is cut.
  if (running?.kind === 'ref' && displayValue(running) === actual) {
    const ref = writtenRef(expected);
    return ref !== undefined && identity(ref, type) === identity(running, type);
  }
  if (running?.kind === 'masked' && displayValue(running) === actual)
    return identity(textValue(writtenVisibleRest(expected)), type) === identity(textValue(visibleRest(running.text)), type);
  // A value too large to keep whole is held by its digest and shown cut short with it: so is the exception's.
  if (written.kind === 'large') return displayValue(written) === actual;
  const rest = visibleRest(actual);
  if (rest !== actual) return identity(textValue(writtenVisibleRest(expected)), type) === identity(textValue(rest), type);
  return identity(textValue(expected), type) === identity(textValue(actual), type);
}

/** An exception with its scope compiled once per audit, not once per finding. */
interface Prepared {
  ex: ExceptionSpec;
  /** The environment glob, compiled; undefined for a group exception. */
  scope?: (environment: string) => boolean;
  /** The environments of the exception's parity group. */
  groupEnvironments: readonly string[];
  /** Its place in the baseline: the first of several matching exceptions wins. */
  order: number;
}

/** Exceptions by exact key (the common case, one lookup), and those whose key is a glob (`payment.*`). */
interface Index {
  byKey: Map<string, Prepared[]>;
  globs: Array<{ test: (key: string) => boolean; p: Prepared }>;
}

/** Each parity group's environments by its name (the first group of a name, as a search would find it). */
function groupEnvironmentsByName(estate: Estate): Map<string, readonly string[]> {
  const groups = new Map<string, readonly string[]>();
  for (const g of estate.parity) if (!groups.has(g.name)) groups.set(g.name, g.environments);
  return groups;
}

const prepared = (groups: ReadonlyMap<string, readonly string[]>, ex: ExceptionSpec, order: number): Prepared => ({
  ex,
  scope: ex.environment !== undefined ? environmentGlob(ex.environment) : undefined,
  groupEnvironments: (ex.group !== undefined ? groups.get(ex.group) : undefined) ?? [],
  order,
});

function prepare(estate: Estate): Index {
  const index: Index = { byKey: new Map(), globs: [] };
  const groups = groupEnvironmentsByName(estate);
  estate.baseline.exceptions.forEach((ex, order) => {
    const p = prepared(groups, ex, order);
    if (isKeyGlob(ex.key)) {
      index.globs.push({ test: keyGlob(ex.key), p });
      return;
    }
    const list = index.byKey.get(ex.key);
    if (list) list.push(p);
    else index.byKey.set(ex.key, [p]);
  });
  return index;
}

/** The exceptions that name a key (or rule, by its canonical spelling), in baseline order. */
function candidates({ byKey, globs }: Index, key: string): Prepared[] {
  const exact = byKey.get(key) ?? [];
  if (!globs.length) return exact;
  const matched = globs.filter((g) => g.test(key)).map((g) => g.p);
  return matched.length ? [...exact, ...matched].sort((a, b) => a.order - b.order) : exact;
}

function excuses(estate: Estate, p: Prepared, f: Finding, running: RunningValue): boolean {
  if (!kindOf(f.kind).excusable || (p.ex.kinds && !p.ex.kinds.includes(f.kind))) return false;
  return covers(estate, p, f, running);
}

/** Whether the exception's scope and value cover the finding, whatever its kind. */
function covers(estate: Estate, { ex, scope, groupEnvironments }: Prepared, f: Finding, running: RunningValue): boolean {
  // Compared by the type of the finding's key: the exception's may be a glob (`payment.*`).
  const valueOk = (v: string | null | undefined, environment?: string) =>
    ex.value === undefined ||
    valueMatches(
      estate,
      f.key ?? ex.key,
      ex.value,
      v,
      environment !== undefined && f.key !== undefined ? running(environment, f.key) : undefined,
    );
  if (f.environment !== undefined)
    return (scope ? scope(f.environment) : groupEnvironments.includes(f.environment)) && valueOk(f.actual, f.environment);
  // An estate-wide finding (a rule judged nowhere) is excused only by an exception covering every environment.
  if (f.group === undefined && f.values === undefined)
    return scope !== undefined && estate.environments.every((e) => scope(e.name)) && valueOk(f.actual);
  if (ex.group !== undefined) return ex.group === f.group && othersAgree(estate, f, (env, v) => valueOk(v, env));
  // An environment exception excuses a parity finding through that environment's value.
  return othersAgree(estate, f, (env, v) => scope !== undefined && scope(env) && valueOk(v, env));
}

/**
 * A parity finding is excused when the members whose value the exception covers are set aside and the
 * rest agree (absence counts, as in the check): in a group of three, excusing one member's value
 * leaves the other two still to agree. Members the check did not compare take no part here either.
 */
function othersAgree(estate: Estate, f: Finding, covers: (environment: string, value: string | null) => boolean): boolean {
  const skipped = new Set(f.notCompared);
  const judged = Object.entries(f.values ?? {}).filter(([env, v]) => v !== UNKNOWN && !skipped.has(env));
  const rest = judged.filter(([env, v]) => !covers(env, v)).map(([, v]) => v);
  if (rest.length === judged.length) return false;
  // Compared by the type the check compared them by: that of every value the group has.
  const key = f.key ?? '';
  const present = judged.flatMap(([, v]) => (v === null ? [] : [textValue(v)]));
  const type = comparisonType(key, estate.baseline.keys.get(key), present);
  return new Set(rest.map((v) => (v === null ? null : identity(textValue(v), type)))).size <= 1;
}

/**
 * What an exception names to excuse a finding: its key, or its rule by the rule's canonical spelling (exception keys are
 * canonical); '' for a finding of neither, which no exception excuses.
 */
const exceptionSubject = (f: Finding): string => f.key ?? (f.rule !== undefined ? canonicalKey(f.rule) : '');

/**
 * The findings of an audit that `ex` would excuse, were it in the baseline and live: judged as the
 * audit judges them, an `exception-expired` one by the finding it carries (whose kind it no longer
 * names: only an exception for every kind can be told to excuse it).
 */
export function excusedBy(
  estate: Estate,
  ex: ExceptionSpec,
  findings: readonly Finding[],
  running: RunningValue = () => undefined,
): Finding[] {
  const p = prepared(groupEnvironmentsByName(estate), ex, 0);
  const named = isKeyGlob(ex.key) ? keyGlob(ex.key) : (key: string) => key === ex.key;
  return findings.filter((f) => {
    const subject = exceptionSubject(f);
    if (!subject || !named(subject)) return false;
    if (kindOf(f.kind).carriesExcused) return ex.kinds === undefined && covers(estate, p, f, running);
    return excuses(estate, p, f, running);
  });
}

const toRef = (ex: ExceptionSpec): ExceptionRef => ({
  ...(ex.environment !== undefined ? { environment: ex.environment } : {}),
  ...(ex.group !== undefined ? { group: ex.group } : {}),
  key: ex.key,
  ...(ex.value !== undefined ? { value: ex.value } : {}),
  reason: ex.reason,
  ...(ex.ticket !== undefined ? { ticket: ex.ticket } : {}),
  ...(ex.expires !== undefined ? { expires: ex.expires } : {}),
  ...(ex.permanent ? { permanent: true } : {}),
});

/** Live on `today`: permanent, or not yet past its (inclusive) expiry date. */
const isLive = (ex: ExceptionSpec, today: string): boolean => ex.permanent === true || (ex.expires !== undefined && today <= ex.expires);

/**
 * Live exceptions move findings to `suppressed`; an expired one turns the finding it excused into
 * `exception-expired`, carrying its values. `running` gives the values the findings show, whole.
 */
export function applyExceptions(
  estate: Estate,
  findings: Finding[],
  today: string,
  make: (d: FindingDraft) => Finding,
  running: RunningValue = () => undefined,
): { findings: Finding[]; suppressed: Finding[] } {
  if (!estate.baseline.exceptions.length) return { findings, suppressed: [] };
  const index = prepare(estate);
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const subject = exceptionSubject(f);
    const matching = subject
      ? candidates(index, subject)
          .filter((p) => excuses(estate, p, f, running))
          .map((p) => p.ex)
      : [];
    const live = matching.find((ex) => isLive(ex, today));
    if (live) {
      const soonOver = live.expires !== undefined && live.expires <= soon;
      suppressed.push({ ...f, exception: toRef(live), ...(soonOver ? { expiresSoon: true } : {}) });
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
        message: `the exception for ${expired.key} (${expired.reason}${expired.ticket ? `, ${expired.ticket}` : ''}) expired on ${expired.expires ?? '?'} and the drift is still there: ${f.message}`,
      }),
    );
  }
  return { findings: kept, suppressed };
}
