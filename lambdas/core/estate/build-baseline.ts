import { violations } from '../checks/constraint';
import { canonicalKey, isRuntimeKey } from '../keys';
import { RUNTIME_KEYS, runtimeKeyType } from '../runtime-keys';
import { parseRule } from '../rules/parse-rule';
import { fromSecretMarker } from '../values/secret-marker';
import { isFraction, parseTyped, writtenType, TYPE_NOUN, type ValueType } from '../values/types';
import { suggestion } from './did-you-mean';
import type { EstateProblem } from './estate-error';
import { environmentGlobProblem, exceptionKeyProblem } from './exception-problems';
import { lazyField } from './lazy-field';
import type { Baseline, ExceptionSpec, KeySpec, Position, RuleSpec } from './model';
import { ruleProblems } from './rule-problems';
import type { RawBaseline } from './schema';
import { positionInScalar } from './text-position';
import { keyPositions, bareScalarAt, positionAt, type Path, type YamlFile } from './yaml-positions';

/** Names the baseline may refer to: environments and parity groups of the estate. */
export interface EstateNames {
  environments: string[];
  groups: string[];
}

const NUMERIC: ReadonlySet<ValueType> = new Set(['int', 'number', 'duration', 'bytes', 'cpu']);
const hasGlob = (s: string): boolean => /[*?[]/.test(s);

/** Whether `min` is above `max` under a numeric type (false when either is absent or unreadable). */
function crossedBounds(type: ValueType, min: string | undefined, max: string | undefined): boolean {
  if (min === undefined || max === undefined) return false;
  const lo = parseTyped(type, min);
  const hi = parseTyped(type, max);
  return lo.ok && hi.ok && lo.num !== undefined && hi.num !== undefined && lo.num > hi.num;
}

/** Checks a schema-valid baseline against the estate and turns it into the model. */
export function buildBaseline(
  raw: RawBaseline,
  y: YamlFile,
  base: Path,
  names: EstateNames,
): { baseline: Baseline; problems: EstateProblem[]; warnings: EstateProblem[] } {
  const problems: EstateProblem[] = [];
  const warnings: EstateProblem[] = [];
  const problem = (path: Path, message: string, keyOf?: string) => problems.push({ ...positionAt(y, [...base, ...path], keyOf), message });
  const envNames = new Set(names.environments);

  const keys = new Map<string, KeySpec>();
  // Found when a key's position is first read (see lazyField): one pass for all keys, or none.
  let declared: Map<string, Position> | undefined;
  const declaredAt = (rawKey: string) => (declared ??= keyPositions(y, [...base, 'keys'])).get(rawKey);
  const firstSpelling = new Map<string, string>();
  for (const [rawKey, spec] of Object.entries(raw.keys)) {
    const key = canonicalKey(rawKey);
    const at: Path = ['keys', rawKey];
    if (!key) {
      problem(['keys'], `"${rawKey}" is not a key name`, rawKey);
      continue;
    }
    const earlier = firstSpelling.get(key);
    if (earlier !== undefined) {
      problem(['keys'], `"${rawKey}" is the same key as "${earlier}" (both are ${key})`, rawKey);
      continue;
    }
    firstSpelling.set(key, rawKey);
    let type = spec.type;
    if (isRuntimeKey(key)) {
      const builtIn = runtimeKeyType(key);
      if (!builtIn) {
        problem(['keys'], `unknown runtime key "${key}"${suggestion(key, Object.keys(RUNTIME_KEYS))}`, rawKey);
        continue;
      }
      if (type && type !== builtIn) problem([...at, 'type'], `${key} is always of type ${builtIn}`);
      type = builtIn;
    }
    // An untyped key with an expected value compares as the value is written: `30s` as a duration,
    // `1.10` as a number (`"1.10"` or `!!str 1.10` as a string: a version, which `1.1` does not match).
    // Without `value`, the per-environment `values` decide when they are all written in one type
    // (`True` and `false`: bool).
    // `key: 0.50` is shorthand for `key: { value: 0.50 }`: the entry itself is the value.
    const unquoted = (field: Path) =>
      bareScalarAt(y, [...base, ...at, ...field]) || (field[0] === 'value' && bareScalarAt(y, [...base, ...at]));
    if (!type) type = expectedType(spec.value, spec.values, unquoted);
    // A flag is on or off: `flag: true` makes an untyped key a bool and refuses any other type.
    if (spec.flag && !type) type = 'bool';
    if (spec.flag && type !== 'bool') problem([...at, 'flag'], `flag: true needs type bool, not ${type}`);
    const checkTyped = (field: string, text: string | undefined, path: Path = [...at, field]) => {
      if (text === undefined || !type) return;
      const parsed = parseTyped(type, text);
      // Estate errors reach logs: they name the field and the type, never the value (it may be a secret).
      if (!parsed.ok) problem(path, `${field}: not ${TYPE_NOUN[type]} (type ${type})`);
    };
    spec.enum?.forEach((option, i) => checkTyped('enum', option, [...at, 'enum', i]));
    for (const bound of ['min', 'max'] as const) {
      const text = spec[bound];
      if (text === undefined) continue;
      if (!type || !NUMERIC.has(type)) problem([...at, bound], `${bound} needs a numeric type (int, number, duration, bytes or cpu)`);
      else checkTyped(bound, text);
    }
    // Bounds that cross admit no value: every environment would be flagged, whatever it runs.
    const crossed = type && NUMERIC.has(type) ? crossedBounds(type, spec.min, spec.max) : false;
    if (crossed) problem([...at, 'max'], `max ${spec.max} is below min ${spec.min}: no value could pass`);
    let patternOk = true;
    if (spec.pattern !== undefined) {
      try {
        new RegExp(spec.pattern, 'u');
      } catch (e) {
        patternOk = false;
        // V8 quotes the whole pattern (`Invalid regular expression: /…/u: Unterminated group`): it may spell out a secret.
        const reason = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
        problem([...at, 'pattern'], `pattern is not a valid regular expression: ${reason}`);
      }
    }
    const built: KeySpec = {
      key,
      type,
      value: spec.value,
      values: spec.values,
      min: spec.min,
      max: spec.max,
      enum: spec.enum,
      pattern: spec.pattern,
      perEnvironment: spec['per-environment'] ?? false,
      required: spec.required,
      secret: spec.secret ?? false,
      ...(spec.secret === false && { notSecret: true as const }),
      owner: spec.owner,
      retired: spec.retired,
      severity: spec.severity,
      shadowed: spec.shadowed,
      flag: spec.flag,
      description: spec.description,
      at: undefined,
    };
    lazyField(built, 'at', () => declaredAt(rawKey));
    keys.set(key, built);
    // Expected values must pass their own key's checks, or the audit would flag every environment.
    const checkExpected = (field: string, text: string, path: Path) => {
      // A fingerprint marker stands for a secret whose text drift never sees: nothing to check it against.
      if (fromSecretMarker(text)) return;
      const broken = expectedValueProblem(text, type, patternOk ? built : { ...built, pattern: undefined });
      if (broken) problem(path, `${field}: ${broken}`);
    };
    if (spec.value !== undefined) checkExpected('value', spec.value, [...at, 'value']);
    for (const [env, v] of Object.entries(spec.values ?? {})) {
      if (!envNames.has(env)) problem([...at, 'values'], `unknown environment "${env}"${suggestion(env, envNames)}`, env);
      else checkExpected(`values.${env}`, v, [...at, 'values', env]);
    }
  }

  const groups = new Set(names.groups);
  const ruleNames = raw.rules.map((r) => r.name);
  const exceptions: ExceptionSpec[] = raw.exceptions.map((e, i) => {
    const at: Path = ['exceptions', i];
    if (e.environment === undefined && e.group === undefined)
      problem(at, 'an exception names an `environment` (or glob) or a parity `group`');
    // Both would be read as neither: the group's parity findings excused through any member, its members' own held to the environment.
    if (e.environment !== undefined && e.group !== undefined)
      problem([...at, 'group'], 'an exception names an `environment` (or glob) or a parity `group`, not both');
    if (e.expires === undefined && !e.permanent)
      problem(at, 'an exception needs `expires: YYYY-MM-DD`, or `permanent: true` for a difference accepted for good');
    if (e.expires !== undefined && e.permanent)
      problem([...at, 'permanent'], 'an exception is either `permanent: true` or has `expires`, not both');
    if (e.environment !== undefined && !hasGlob(e.environment) && !envNames.has(e.environment) && !groups.has(e.environment)) {
      problem([...at, 'environment'], `unknown environment "${e.environment}"${suggestion(e.environment, [...envNames, ...groups])}`);
    }
    const globProblem =
      e.environment !== undefined && hasGlob(e.environment) ? environmentGlobProblem(e.environment, names.environments) : undefined;
    if (globProblem) problem([...at, 'environment'], globProblem);
    const keyProblem = exceptionKeyProblem(e.key, keys, ruleNames, raw.undeclared !== 'ignore');
    if (keyProblem) problem([...at, 'key'], keyProblem);
    if (e.group !== undefined && !groups.has(e.group))
      problem([...at, 'group'], `unknown parity group "${e.group}"${suggestion(e.group, groups)}`);
    // `environment:` naming a parity group is read as the group.
    const isGroup = e.environment !== undefined && groups.has(e.environment);
    return {
      environment: isGroup ? undefined : e.environment,
      group: isGroup ? e.environment : e.group,
      key: canonicalKey(e.key),
      value: e.value,
      reason: e.reason,
      ticket: e.ticket,
      ...(e.expires !== undefined ? { expires: e.expires } : {}),
      ...(e.permanent ? { permanent: true } : {}),
      kinds: e.kinds as ExceptionSpec['kinds'],
    };
  });

  const seenRules = new Set<string>();
  const rules: RuleSpec[] = raw.rules.map((r, i) => {
    const at: Path = ['rules', i];
    if (seenRules.has(r.name)) problem([...at, 'name'], `rule "${r.name}" is declared twice`);
    seenRules.add(r.name);
    const parsed = parseRule(r.assert);
    // At the character the parser stopped at, as a problem with a key is at the key.
    if (!parsed.ok)
      problems.push({ ...positionInScalar(y, [...base, ...at, 'assert'], parsed.index), message: `rule "${r.name}": ${parsed.error}` });
    else {
      for (const p of ruleProblems(parsed.rule, keys)) {
        (p.warning ? warnings : problems).push({
          ...positionInScalar(y, [...base, ...at, 'assert'], p.offset),
          message: `rule "${r.name}": ${p.message}`,
        });
      }
    }
    for (const env of r.environments ?? []) {
      if (!envNames.has(env)) problem([...at, 'environments'], `unknown environment "${env}"${suggestion(env, envNames)}`);
    }
    return lazyField({ ...r, at: undefined } as RuleSpec, 'at', () => positionAt(y, [...base, ...at, 'assert']));
  });

  return {
    baseline: { undeclared: raw.undeclared, undeclaredSecret: raw.secrets.undeclared, keys, exceptions, rules, file: y.file },
    problems,
    warnings,
  };
}

/**
 * The type expected values are written in, if not a string: `value`'s, else the one all `values`
 * share. A number with a fraction written unquoted (`value: 0.50`) is a number, equal to `0.5`;
 * quoted (`"1.10"`), it is text, as an undeclared `1.10` is (a version, which `1.1` does not match).
 */
function expectedType(
  value: string | undefined,
  values: Record<string, string> | undefined,
  unquoted: (field: Path) => boolean,
): ValueType | undefined {
  const written: Array<[Path, string]> =
    value !== undefined ? [[['value'], value]] : Object.entries(values ?? {}).map(([env, v]) => [['values', env], v]);
  const typeOf = ([field, text]: [Path, string]): ValueType => (isFraction(text) && unquoted(field) ? 'number' : writtenType(text));
  const types = new Set(written.map(typeOf));
  const [only] = types;
  return types.size === 1 && only !== 'string' ? only : undefined;
}

/** What is wrong with an expected value under its own key's type, bounds, enum and pattern (the audit's own checks). */
function expectedValueProblem(text: string, type: ValueType | undefined, spec: KeySpec): string | undefined {
  // Most keys only have a type: leave out the bounds, which violations() would prepare per key.
  const bounded = spec.min !== undefined || spec.max !== undefined || spec.enum !== undefined || spec.pattern !== undefined;
  const found = violations(text, type, bounded ? spec : undefined);
  if (!found.length) return undefined;
  const parsed = type ? parseTyped(type, text) : undefined;
  if (type && parsed && !parsed.ok) return `not ${TYPE_NOUN[type]} (type ${type})`;
  const near = spec.enum && found.some((f) => f.startsWith('not one of')) ? suggestion(text, spec.enum) : '';
  return `${found.map((f) => (f.startsWith('does ') ? f : `is ${f}`)).join(' and ')}${near}`;
}
