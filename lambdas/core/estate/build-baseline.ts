import { canonicalKey, isRuntimeKey } from '../keys';
import { RUNTIME_KEYS } from '../runtime-keys';
import { parseRule } from '../rules/parse-rule';
import { inferType, parseTyped, type ValueType } from '../values/types';
import { suggestion } from './did-you-mean';
import type { EstateProblem } from './estate-error';
import type { Baseline, ExceptionSpec, KeySpec, RuleSpec } from './model';
import type { RawBaseline } from './schema';
import { keyPositions, positionAt, type Path, type YamlFile } from './yaml-positions';

/** Names the baseline may refer to: environments and parity groups of the estate. */
export interface EstateNames {
  environments: string[];
  groups: string[];
}

const NUMERIC: ReadonlySet<ValueType> = new Set(['int', 'number', 'duration', 'bytes', 'cpu']);
const hasGlob = (s: string): boolean => /[*?[]/.test(s);

/** Checks a schema-valid baseline against the estate and turns it into the model. */
export function buildBaseline(raw: RawBaseline, y: YamlFile, base: Path, names: EstateNames): { baseline: Baseline; problems: EstateProblem[] } {
  const problems: EstateProblem[] = [];
  const problem = (path: Path, message: string, keyOf?: string) => problems.push({ ...positionAt(y, [...base, ...path], keyOf), message });
  const envNames = new Set(names.environments);

  const keys = new Map<string, KeySpec>();
  const declaredAt = keyPositions(y, [...base, 'keys']);
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
      const builtIn = RUNTIME_KEYS[key];
      if (!builtIn) {
        problem(['keys'], `unknown runtime key "${key}"${suggestion(key, Object.keys(RUNTIME_KEYS))}`, rawKey);
        continue;
      }
      if (type && type !== builtIn) problem([...at, 'type'], `${key} is always of type ${builtIn}`);
      type = builtIn;
    }
    // An untyped key with an expected value compares as the value is written: `30s` as a duration.
    if (!type && spec.value !== undefined) {
      const inferred = inferType(spec.value);
      if (inferred !== 'string') type = inferred;
    }
    const checkTyped = (field: string, text: string | undefined, path: Path = [...at, field]) => {
      if (text === undefined || !type) return;
      const parsed = parseTyped(type, text);
      if (!parsed.ok) problem(path, `${field}: ${parsed.error} (type ${type})`);
    };
    checkTyped('value', spec.value);
    for (const [env, v] of Object.entries(spec.values ?? {})) {
      if (!envNames.has(env)) problem([...at, 'values'], `unknown environment "${env}"${suggestion(env, envNames)}`, env);
      else checkTyped(`values.${env}`, v, [...at, 'values', env]);
    }
    for (const bound of ['min', 'max'] as const) {
      const text = spec[bound];
      if (text === undefined) continue;
      if (!type || !NUMERIC.has(type)) problem([...at, bound], `${bound} needs a numeric type (int, number, duration, bytes or cpu)`);
      else checkTyped(bound, text);
    }
    if (spec.pattern !== undefined) {
      try {
        new RegExp(spec.pattern, 'u');
      } catch (e) {
        problem([...at, 'pattern'], `pattern is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    keys.set(key, {
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
      owner: spec.owner,
      retired: spec.retired,
      severity: spec.severity,
      shadowed: spec.shadowed,
      description: spec.description,
      at: declaredAt.get(rawKey),
    });
  }

  const groups = new Set(names.groups);
  const exceptions: ExceptionSpec[] = raw.exceptions.map((e, i) => {
    const at: Path = ['exceptions', i];
    if (e.environment === undefined && e.group === undefined) problem(at, 'an exception names an `environment` (or glob) or a parity `group`');
    if (e.expires === undefined && !e.permanent) problem(at, 'an exception needs `expires: YYYY-MM-DD`, or `permanent: true` for a difference accepted for good');
    if (e.expires !== undefined && e.permanent) problem([...at, 'permanent'], 'an exception is either `permanent: true` or has `expires`, not both');
    if (e.environment !== undefined && !hasGlob(e.environment) && !envNames.has(e.environment) && !groups.has(e.environment)) {
      problem([...at, 'environment'], `unknown environment "${e.environment}"${suggestion(e.environment, [...envNames, ...groups])}`);
    }
    if (e.group !== undefined && !groups.has(e.group)) problem([...at, 'group'], `unknown parity group "${e.group}"${suggestion(e.group, groups)}`);
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

  const ruleNames = new Set<string>();
  const rules: RuleSpec[] = raw.rules.map((r, i) => {
    const at: Path = ['rules', i];
    if (ruleNames.has(r.name)) problem([...at, 'name'], `rule "${r.name}" is declared twice`);
    ruleNames.add(r.name);
    const parsed = parseRule(r.assert);
    if (!parsed.ok) problem([...at, 'assert'], `rule "${r.name}": ${parsed.error}`);
    for (const env of r.environments ?? []) {
      if (!envNames.has(env)) problem([...at, 'environments'], `unknown environment "${env}"${suggestion(env, envNames)}`);
    }
    return { ...r, at: positionAt(y, [...base, ...at, 'assert']) };
  });

  return { baseline: { undeclared: raw.undeclared, undeclaredSecret: raw.secrets.undeclared, keys, exceptions, rules, file: y.file }, problems };
}
