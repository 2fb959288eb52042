import type { EstatePlan, ExceptionPlan, KeyDecl } from './estate-plan';
import { commonType, inferType, norm, parseAs } from './typed';
import type { Leaf, Written } from './write-estate';

// The findings spec sections 3–4 (and the README's documented extras) call for, computed the plain way:
// maps per environment, one loop per finding kind.

export interface Expected {
  kind: string;
  scope: string;
  key: string;
  expected?: string;
  actual?: string;
  values?: Record<string, string | null>;
}

interface Layer {
  text: string;
  defaults: boolean;
  /** The source's place in its environment. */
  source: number;
}

const TODAY = '2026-11-24';

/** A single text's type as written; `1.10` is not a number (it may be a version). */
const writtenType = (text: string): string | undefined => {
  const t = inferType(text);
  return t === 'string' || (t === 'number' && text.includes('.')) ? undefined : t;
};

/** The type a declared key is compared under: declared, else as its expected value is written. */
export function typeOf(d: KeyDecl | undefined): string | undefined {
  if (!d) return undefined;
  if (d.type) return d.type;
  if (d.value !== undefined) return writtenType(d.value);
  const vs = Object.values(d.values ?? {});
  const types = new Set(vs.map(writtenType));
  return types.size === 1 ? [...types][0] : undefined;
}

const expectedIn = (d: KeyDecl | undefined, env: string): string | undefined => d?.values?.[env] ?? d?.value;

/**
 * Per environment: key → what each source that sets it sets, lowest precedence first: the last value
 * of each other name the source sets it under (both are set), then the source's winner, its last.
 */
function layersByEnv(written: Written): Map<string, Map<string, Layer[]>> {
  const out = new Map<string, Map<string, Layer[]>>();
  for (const [env, sources] of Object.entries(written)) {
    const layers = new Map<string, Layer[]>();
    for (const [source, s] of sources.entries()) {
      const own = new Map<string, Leaf[]>();
      for (const l of s.leaves as Leaf[]) {
        const named = (own.get(l.key) ?? []).filter((o) => o.spelling !== l.spelling);
        own.set(l.key, [...named, l]);
      }
      for (const [k, named] of own) {
        const list = layers.get(k) ?? [];
        for (const l of named) list.push({ text: l.text, defaults: s.defaults, source });
        layers.set(k, list);
      }
    }
    out.set(env, layers);
  }
  return out;
}

function constraintProblem(d: KeyDecl, type: string | undefined, text: string): boolean {
  const p = type ? parseAs(type, text) : { canon: text };
  if (!p) return true;
  if (d.min !== undefined && p.num !== undefined && p.num < parseAs(type!, d.min)!.num!) return true;
  if (d.max !== undefined && p.num !== undefined && p.num > parseAs(type!, d.max)!.num!) return true;
  if (d.enum && !d.enum.some((e) => (type ? parseAs(type, e)?.canon : e) === p.canon)) return true;
  return false;
}

const globMatch = (glob: string, s: string): boolean =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*')}$`).test(s);

/** The findings of the plan's estate before exceptions. */
function rawFindings(plan: EstatePlan, written: Written): Expected[] {
  const out: Expected[] = [];
  const byEnv = layersByEnv(written);
  const envs = plan.environments.map((e) => e.name);
  const value = (env: string, key: string): string | undefined => byEnv.get(env)!.get(key)?.at(-1)?.text;

  for (const env of envs) {
    const layers = byEnv.get(env)!;
    for (const [key, d] of Object.entries(plan.keys)) {
      const type = typeOf(d);
      const actual = value(env, key);
      const expected = expectedIn(d, env);
      if (actual !== undefined && expected !== undefined && norm(type, actual) !== norm(type, expected))
        out.push({ kind: 'mismatch', scope: env, key, expected, actual });
      if (actual === undefined && !d.retired && (d.required ?? expected !== undefined))
        out.push({ kind: 'missing', scope: env, key, ...(expected !== undefined ? { expected } : {}) });
      // A required key set blank is not set, to the code that reads it; an expected value makes it a mismatch instead.
      const blankRequired = actual?.trim() === '' && !d.retired && d.required === true && expected === undefined;
      if (blankRequired) out.push({ kind: 'missing', scope: env, key, actual });
      if (actual !== undefined && d.retired && TODAY > d.retired) out.push({ kind: 'retired', scope: env, key, actual });
      // Missing alone says it: its type does not refuse it too.
      if (actual !== undefined && !blankRequired && constraintProblem(d, type, actual))
        out.push({ kind: 'constraint', scope: env, key, actual });
    }
    for (const [key, list] of layers) {
      const actual = list.at(-1)!.text;
      const d = plan.keys[key];
      if (!d && plan.undeclared !== 'ignore') out.push({ kind: 'undeclared', scope: env, key, actual });
      if (list.length < 2 || d?.shadowed === 'ignore') continue;
      const type = typeOf(d) ?? commonType(list.map((l) => l.text));
      // Another name in the winner's own source is still set: neither defaults nor the expected value quiet it.
      const spelling = (l: Layer): boolean => l.source === list.at(-1)!.source;
      const hidden = list.slice(0, -1).filter((l) => (spelling(l) || !l.defaults) && norm(type, l.text) !== norm(type, actual));
      const expected = expectedIn(d, env);
      if (hidden.length && (hidden.some(spelling) || !(expected !== undefined && norm(type, expected) === norm(type, actual))))
        out.push({ kind: 'shadowed', scope: env, key, actual });
    }
  }

  for (const g of plan.groups) {
    const keys = new Set(g.environments.flatMap((e) => [...byEnv.get(e)!.keys()]));
    for (const key of keys) {
      const d = plan.keys[key];
      if (g.ignore?.some((glob) => globMatch(glob.replace(/-/g, '.'), key))) continue;
      if (d?.perEnvironment || d?.retired) continue;
      if (!d && plan.undeclared === 'ignore') continue;
      // The members with no expected value of their own must agree; the others are judged by theirs.
      const members = g.environments.filter((e) => !d || expectedIn(d, e) === undefined);
      if (members.length < 2) continue;
      const values = Object.fromEntries(members.map((e) => [e, value(e, key) ?? null]));
      const present = Object.values(values).filter((v): v is string => v !== null);
      const type = typeOf(d) ?? commonType(present);
      const distinct = new Set(Object.values(values).map((v) => (v === null ? null : norm(type, v))));
      if (distinct.size > 1) out.push({ kind: 'parity', scope: g.name, key, values });
    }
  }
  return out;
}

/** Whether exception `x` covers finding `f`. */
function covers(plan: EstatePlan, x: ExceptionPlan, f: Expected): boolean {
  if (x.key !== f.key) return false;
  const d = plan.keys[f.key];
  const valueOk = (v: string | null | undefined): boolean => {
    if (x.value === undefined) return true;
    if (v === undefined || v === null) return false;
    const type = typeOf(d) ?? writtenType(x.value);
    return norm(type, x.value) === norm(type, v);
  };
  const group = plan.groups.find((g) => g.name === f.scope);
  if (!group) {
    const inScope =
      x.environment !== undefined
        ? globMatch(x.environment, f.scope)
        : plan.groups.find((g) => g.name === x.group)!.environments.includes(f.scope);
    return inScope && valueOk(f.actual);
  }
  const member = (env: string, v: string | null): boolean =>
    x.group !== undefined ? x.group === group.name && valueOk(v) : globMatch(x.environment!, env) && valueOk(v);
  // The members it covers set aside, the others must agree (absence counts).
  const entries = Object.entries(f.values!);
  const rest = entries.filter(([env, v]) => !member(env, v)).map(([, v]) => v);
  if (rest.length === entries.length) return false;
  const type = typeOf(d) ?? commonType(Object.values(f.values!).filter((v): v is string => v !== null));
  return new Set(rest.map((v) => (v === null ? null : norm(type, v)))).size <= 1;
}

const live = (x: ExceptionPlan): boolean => x.permanent === true || TODAY <= x.expires!;

/** The findings and suppressed findings the audit of `plan` must report. */
export function oracle(plan: EstatePlan, written: Written): { findings: Expected[]; suppressed: Expected[] } {
  const findings: Expected[] = [];
  const suppressed: Expected[] = [];
  for (const f of rawFindings(plan, written)) {
    const matching = plan.exceptions.filter((x) => covers(plan, x, f));
    if (matching.some(live)) suppressed.push(f);
    else if (matching.length) findings.push({ ...f, kind: 'exception-expired' });
    else findings.push(f);
  }
  return { findings, suppressed };
}
