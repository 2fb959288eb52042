import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import { namedSecret } from '../../../core/keys';
import type { FoundRead } from '../language';
import { enclosing, plainString } from '../syntax';

const VIA = 'pydantic BaseSettings';
const FUNCTIONS = new Set(['function_definition', 'lambda']);
const LITERALS = new Set(['string', 'integer', 'float', 'true', 'false', 'none']);

const bases = (cls: Node): string[] => (cls.childForFieldName('superclasses')?.namedChildren ?? []).flatMap((b) => (b ? [b.text] : []));
const isBaseSettings = (base: string): boolean => base === 'BaseSettings' || base.endsWith('.BaseSettings');

/** `Field(...)`'s keyword arguments and its first positional one. */
function fieldCall(value: Node): { first?: Node; keywords: Map<string, Node> } | undefined {
  const fn = value.childForFieldName('function')?.text;
  if (value.type !== 'call' || (fn !== 'Field' && !fn?.endsWith('.Field'))) return undefined;
  const keywords = new Map<string, Node>();
  let first: Node | undefined;
  for (const arg of value.childForFieldName('arguments')?.namedChildren ?? []) {
    const [name, v] = [arg?.childForFieldName('name'), arg?.childForFieldName('value')];
    if (arg?.type === 'keyword_argument' && name && v) keywords.set(name.text, v);
    else if (arg && arg.type !== 'keyword_argument' && first === undefined) first = arg;
  }
  return { first, keywords };
}

/** What a default expression gives: its text when it is a literal; `...` (pydantic's required) and nothing are none. */
export function fallbackOf(value: Node | undefined): ReadFallback {
  if (value === undefined || value.type === 'ellipsis') return { kind: 'none' };
  return LITERALS.has(value.type) && !value.descendantsOfType('interpolation').length
    ? { kind: 'default', value: value.text }
    : { kind: 'default' };
}

/**
 * A setting of the class's configuration (`env_prefix`, `env_nested_delimiter`) from `model_config = SettingsConfigDict(env_prefix='APP_')`,
 * `model_config = {'env_prefix': 'APP_'}` or an inner `class Config`; undefined when the class sets none (it then has its base's).
 */
function configValue(body: Node, setting: string): string | undefined {
  for (const pair of body.descendantsOfType(['keyword_argument', 'assignment', 'pair'])) {
    const [nameField, valueField] =
      pair?.type === 'assignment' ? ['left', 'right'] : pair?.type === 'pair' ? ['key', 'value'] : ['name', 'value'];
    const name = pair?.childForFieldName(nameField);
    const value = pair?.childForFieldName(valueField);
    const named = pair?.type === 'pair' ? name && plainString(name, ['string']) : name?.text;
    if (named === setting && value) return plainString(value, ['string']) ?? '';
  }
  return undefined;
}

// pydantic's secret types (`SecretStr`, `Optional[SecretStr]`, `pydantic.SecretBytes | None`): the code says the field is a secret.
const SECRET_TYPE = /\bSecret(?:Str|Bytes)\b/;

/** One annotated field of a settings class: its variable is the prefix and the field's name, or each of the field's aliases. */
function fieldReads(assignment: Node, prefix: string): FoundRead[] {
  const reads = annotatedReads(assignment, prefix);
  const type = assignment.childForFieldName('type');
  // A field named as a secret (`db_password`) read through an alias that says nothing (`DB_AUTH`) is one too.
  const named = namedSecret(assignment.childForFieldName('left')?.text ?? '');
  return (type && SECRET_TYPE.test(type.text)) || named ? reads.map((read) => ({ ...read, secret: true as const })) : reads;
}

/**
 * The names an alias gives the variable: a string (`validation_alias='API_BASE'`, pydantic v1's `env='X'`), each of
 * `AliasChoices('A', 'B')` or of v1's `env=['A', 'B']`, `AliasPath('A', 0)`'s variable; none for anything else.
 */
function aliasNames(alias: Node): Node[] {
  if (plainString(alias, ['string']) !== undefined) return [alias];
  const fn = alias.type === 'call' ? alias.childForFieldName('function')?.text.split('.').at(-1) : undefined;
  const items =
    alias.type === 'list' || alias.type === 'tuple'
      ? alias.namedChildren
      : fn === 'AliasChoices'
        ? (alias.childForFieldName('arguments')?.namedChildren ?? [])
        : fn === 'AliasPath'
          ? (alias.childForFieldName('arguments')?.namedChildren.slice(0, 1) ?? [])
          : [];
  return items.flatMap((item) => (item ? aliasNames(item) : []));
}

function annotatedReads(assignment: Node, prefix: string): FoundRead[] {
  const [left, type, right] = ['left', 'type', 'right'].map((f) => assignment.childForFieldName(f) ?? undefined);
  if (left?.type !== 'identifier' || type === undefined || left.text.startsWith('_') || left.text === 'model_config') return [];
  if (type.text.startsWith('ClassVar')) return [];
  const field = right && fieldCall(right);
  // `level: Annotated[str, Field(alias='LOG_LEVEL')] = 'info'`: the alias is the annotation's, the default the assignment's.
  const annotated = type
    .descendantsOfType('call')
    .flatMap((c) => (c ? [fieldCall(c)] : []))
    .find((f) => f !== undefined);
  const fallback: ReadFallback =
    field === undefined
      ? fallbackOf(right)
      : field.keywords.has('default_factory')
        ? { kind: 'default' }
        : fallbackOf(field.keywords.get('default') ?? field.first);
  // pydantic-settings names the variable by `validation_alias` or `alias`; pydantic v1's BaseSettings by `env`.
  const keywords = [field, annotated].flatMap((f) => (f ? [f.keywords] : []));
  const alias = ['validation_alias', 'alias', 'env'].flatMap((k) => keywords.flatMap((kw) => kw.get(k) ?? []))[0];
  const names = alias ? aliasNames(alias) : [];
  return names.length > 0
    ? names.map((name) => ({ name: plainString(name, ['string']) as string, at: name, via: VIA, fallback }))
    : [{ name: prefix + left.text, at: left, via: VIA, fallback }];
}

interface SettingsClass {
  readonly prefix: string;
  /** `env_nested_delimiter`: a nested model's fields are read as `PREFIX_FIELD__SUB` too. */
  readonly delimiter?: string;
}

/**
 * The settings classes of a file (by node id) and their `env_prefix` and `env_nested_delimiter`: those deriving from
 * `BaseSettings`, and those deriving from one of them (`class Prod(AppSettings)`), which keep their base's unless they set their own.
 */
function settingsClasses(root: Node): Map<number, SettingsClass> {
  const classes = root.descendantsOfType('class_definition').filter((c): c is Node => c !== null);
  const byName = new Map<string, SettingsClass>();
  const found = new Map<number, SettingsClass>();
  for (let grew = true; grew;) {
    grew = false;
    for (const cls of classes) {
      const body = cls.childForFieldName('body');
      const name = cls.childForFieldName('name')?.text;
      if (!body || !name || found.has(cls.id)) continue;
      const base = bases(cls).find((b) => isBaseSettings(b) || byName.has(b));
      if (base === undefined) continue;
      const inherited = byName.get(base);
      const delimiter = configValue(body, 'env_nested_delimiter') ?? inherited?.delimiter;
      const settings = { prefix: configValue(body, 'env_prefix') ?? inherited?.prefix ?? '', ...(delimiter && { delimiter }) };
      found.set(cls.id, settings);
      byName.set(name, settings);
      grew = true;
    }
  }
  return found;
}

/** A class body's annotated fields (`host: str = 'x'`). */
const fieldsOf = (body: Node): Node[] =>
  body.namedChildren.flatMap((statement) => {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    return assignment?.type === 'assignment' && assignment.childForFieldName('type') ? [assignment] : [];
  });

// How deep nested models are followed (`a__b__c`).
const NESTING = 3;

/**
 * With `env_nested_delimiter`, a field whose type is a model of the file (`db: Database`, `Optional[Database]`) is read by
 * its fields too: `APP_DB__HOST`, with the sub-field's default, or the field's own where the sub-field has none
 * (`replica: Database = Database(host='x')`). The field's own variable (the model as JSON) then falls back to them.
 */
function nestedReads(field: Node, prefix: string, delimiter: string, models: ReadonlyMap<string, Node>, depth = 0): FoundRead[] {
  const [left, type, right] = ['left', 'type', 'right'].map((f) => field.childForFieldName(f) ?? undefined);
  const model = type
    ?.descendantsOfType('identifier')
    .map((id) => id && models.get(id.text))
    .find((m) => m !== undefined);
  if (!left || !model || depth >= NESTING) return [];
  const inner = `${prefix}${left.text}${delimiter}`;
  return fieldsOf(model).flatMap((sub) => {
    const own = annotatedReads(sub, inner).map((read) =>
      read.fallback.kind === 'none' && right !== undefined ? { ...read, fallback: { kind: 'default' as const } } : read,
    );
    return [...own, ...nestedReads(sub, inner, delimiter, models, depth + 1)];
  });
}

/** An assignment to a name: where it starts, and the value it gives (none for `x: int`). */
interface Assigned {
  readonly start: number;
  readonly value: Node | undefined;
}

/** A scope's assignments by the text of their left side, each name's in order. */
function assignmentsByName(scope: Node): Map<string, Assigned[]> {
  const byName = new Map<string, Assigned[]>();
  for (const assignment of scope.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left')?.text;
    if (!assignment || left === undefined) continue;
    const list = byName.get(left) ?? [];
    byName.set(left, list);
    list.push({ start: assignment.startIndex, value: assignment.childForFieldName('right') ?? undefined });
  }
  return byName;
}

/** The last of assignments in order that starts before `index`. */
function lastBefore(assignments: readonly Assigned[], index: number): Assigned | undefined {
  let [lo, hi] = [0, assignments.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (assignments[mid]!.start < index) lo = mid + 1;
    else hi = mid;
  }
  return assignments[lo - 1];
}

/** The names a construction passes as keywords: `Settings(SECRET=s)`, and the string keys of a `**d` whose `d` is a dict literal of the function. */
function passedKeywords(call: Node, assignmentsIn: (scope: Node) => Map<string, Assigned[]>): Set<string> {
  const passed = new Set<string>();
  const scope = enclosing(call, FUNCTIONS) ?? call.tree.rootNode;
  const dictionaryOf = (splatted: Node | undefined): Node | undefined => {
    if (splatted?.type === 'dictionary') return splatted;
    if (splatted?.type !== 'identifier') return undefined;
    const value = lastBefore(assignmentsIn(scope).get(splatted.text) ?? [], call.startIndex)?.value;
    return value?.type === 'dictionary' ? value : undefined;
  };
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const name = arg?.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
    if (name !== undefined) passed.add(name);
    const dictionary = arg?.type === 'dictionary_splat' ? dictionaryOf(arg.namedChildren[0] ?? undefined) : undefined;
    for (const pair of dictionary?.namedChildren ?? []) {
      const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
      const text = key ? plainString(key, ['string']) : undefined;
      if (text !== undefined) passed.add(text);
    }
  }
  return passed;
}

/**
 * The fields every construction in the file of a settings class (or of one deriving from it) passes as a keyword, by the
 * class's node id: pydantic-settings takes what `__init__` is given over the environment, so mealie's
 * `AppSettings(**secret_settings)`, `secret_settings = {"SECRET": determine_secrets(…), …}`, never needs `SECRET` set.
 * A class the file never constructs passes none.
 */
function passedEverywhere(classes: readonly Node[], settings: ReadonlyMap<number, SettingsClass>, root: Node): Map<number, Set<string>> {
  const names = new Map(classes.flatMap((c) => (settings.has(c.id) ? [[c.childForFieldName('name')?.text ?? '', c] as const] : [])));
  const calls = new Map<string, Set<string>[]>();
  const assignments = new Map<number, Map<string, Assigned[]>>();
  const assignmentsIn = (scope: Node): Map<string, Assigned[]> => {
    const known = assignments.get(scope.id) ?? assignmentsByName(scope);
    assignments.set(scope.id, known);
    return known;
  };
  for (const call of root.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function')?.text;
    if (!call || fn === undefined || !names.has(fn)) continue;
    const list = calls.get(fn) ?? [];
    calls.set(fn, list);
    list.push(passedKeywords(call, assignmentsIn));
  }
  // Each class with the classes deriving from it in the file.
  const family = (name: string, seen: Set<string>): string[] =>
    seen.has(name)
      ? []
      : [name, ...[...names].flatMap(([sub, cls]) => (bases(cls).includes(name) ? family(sub, new Set([...seen, name])) : []))];
  const found = new Map<number, Set<string>>();
  for (const [name, cls] of names) {
    const constructions = family(name, new Set()).flatMap((n) => calls.get(n) ?? []);
    const [first, ...rest] = constructions;
    if (first) found.set(cls.id, new Set([...first].filter((k) => rest.every((r) => r.has(k)))));
  }
  return found;
}

/** The fields of pydantic `BaseSettings` classes: each reads the variable of its name (with `env_prefix`), its default as the fallback. */
export function settingsFields(root: Node): FoundRead[] {
  // A settings class derives from BaseSettings in its file: a file that never names it has none, and its tree is not walked.
  if (!root.text.includes('BaseSettings')) return [];
  const settings = settingsClasses(root);
  const classes = root.descendantsOfType('class_definition').filter((c): c is Node => c !== null);
  const passed = passedEverywhere(classes, settings, root);
  // The file's other classes with annotated fields, by name: pydantic models a setting may nest.
  const models = new Map(
    classes.flatMap((c) => {
      const [name, body] = [c.childForFieldName('name')?.text, c.childForFieldName('body')];
      return name && body && !settings.has(c.id) ? [[name, body] as const] : [];
    }),
  );
  return classes.flatMap((cls) => {
    const body = cls.childForFieldName('body');
    const found = settings.get(cls.id);
    if (!body || found === undefined) return [];
    return fieldsOf(body).flatMap((assignment) => {
      const own = fieldReads(assignment, found.prefix);
      const nested = found.delimiter ? nestedReads(assignment, found.prefix, found.delimiter, models) : [];
      // A field each construction passes is the code's value: the variable, if ever read, has one to fall back to.
      const given = passed.get(cls.id)?.has(assignment.childForFieldName('left')?.text ?? '') ?? false;
      const json = nested.length > 0 || given ? own.map((read) => ({ ...read, fallback: { kind: 'default' as const } })) : own;
      return [...json, ...nested];
    });
  });
}
