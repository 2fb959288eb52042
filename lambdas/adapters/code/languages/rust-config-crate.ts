import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, Wrapper } from '../language';
import { field, plainString } from '../syntax';
import { attributesBefore, deserializedFields, loadedType, serdeOptions, typeName } from './rust-envy';

const STRINGS = ['string_literal', 'raw_string_literal'];
// What the pseudo-wrappers of pass 1 wrap: no call is named as they are, so none is matched as a wrapper's call.
const CONFIG = 'config-crate';
// `config::Environment::with_prefix("APP")`, `Environment::default()`: the environment as a source of a config builder;
// figment's `Env::prefixed("APP_")` and `Env::raw()` likewise, as a provider a `Figment` merges.
const ENVIRONMENT = /(?:^|::)(Environment::(with_prefix|default|new)|Env::(prefixed|raw))$/;
// What turns the built configuration into the application's struct (figment's `extract`).
const DESERIALIZES = /^(try_deserialize|try_into|deserialize|extract|extract_lossy)$/;
// Sources of the same builder that give every field a value of its own: files, and figment's serialized defaults.
const LAYERS = /\b(File\s*::|(Toml|Yaml|Json)\s*::\s*(file|string)\b|Serialized\s*::\s*defaults\b)/;
const OPTIONAL = /^Option\s*</;
// Types that are values, not groups of their own, when a field holds them.
const CAPITALIZED = /^[A-Z]\w*$/;

/** What pass 1 hands on: a struct the config crate builds with the environment as a source, or a struct field holding another. */
type Fact =
  | { kind: 'load'; type: string; via: string; prefix: string; separator?: string; files: boolean; fileSuffix?: string }
  | { kind: 'nest'; into: string; name: string; type: string }
  | { kind: 'struct'; name: string };

/** How a load fact's name starts (wrapperOf writes `kind` first). */
const LOAD_FACT = '{"kind":"load"';
const wrapperOf = (fact: Fact): Wrapper => ({ name: JSON.stringify(fact), keyParam: 0, fallback: { kind: 'none' }, wraps: CONFIG });

/** The methods chained after a call (`.prefix_separator("_").separator("__")`), by name, with their first string argument. */
function chained(call: Node): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (let at = call; at.parent?.type === 'field_expression' && at.parent.parent?.type === 'call_expression'; at = at.parent.parent) {
    const method = field(at.parent, 'field')?.text;
    const argument = field(at.parent.parent, 'arguments')?.namedChildren[0];
    if (method) found.set(method, argument ? plainString(argument, STRINGS) : undefined);
  }
  return found;
}

function loads(root: Node): Fact[] {
  return root.descendantsOfType('call_expression').flatMap((call): Fact[] => {
    const path = call && field(call, 'function');
    const source = path && ENVIRONMENT.exec(path.text.replace(/\s+/g, ''));
    if (!call || !source) return [];
    let fn: Node | null = call;
    while (fn && fn.type !== 'function_item') fn = fn.parent;
    const argument = field(call, 'arguments')?.namedChildren[0];
    const named = source[2] === 'with_prefix' || source[3] === 'prefixed';
    const prefix = named && argument ? plainString(argument, STRINGS) : '';
    if (!fn || prefix === undefined) return [];
    const options = chained(call);
    const figment = source[3] !== undefined;
    // figment nests under `split("__")`; config-rs under `separator`, and joins the prefix with `prefix_separator`, else
    // with `separator`, else with `_` (figment strips its prefix as written).
    const separator = figment ? options.get('split') : options.get('separator');
    const joint = prefix === '' || figment ? '' : (options.get('prefix_separator') ?? separator ?? '_');
    const files = LAYERS.test(fn.text);
    const via = figment
      ? `figment::providers::Env::${source[3]}(${argument && named ? argument.text : ''})`
      : `config::Environment::with_prefix("${prefix}")`;
    const fileSuffix = figment ? fileAdapterSuffix(call) : undefined;
    return fn.descendantsOfType('call_expression').flatMap((use): Fact[] => {
      const callee = use && field(use, 'function');
      const method = callee && (callee.type === 'generic_function' ? field(callee, 'function') : callee);
      if (!use || !callee || method?.type !== 'field_expression' || !DESERIALIZES.test(field(method, 'field')?.text ?? '')) return [];
      const type = loadedType(use, callee);
      if (!type) return [];
      const load: Fact = {
        kind: 'load',
        type,
        via,
        prefix: `${prefix.toUpperCase()}${joint}`,
        ...(separator && { separator }),
        files,
        ...(fileSuffix && { fileSuffix }),
      };
      return [load];
    });
  });
}

/**
 * figment_file_provider_adapter's `FileAdapter::wrap(Env::prefixed("APP_"))`: each variable may instead name a file that holds
 * the value, under its name and `_FILE` (or the suffix `.with_suffix("…")` gives).
 */
function fileAdapterSuffix(env: Node): string | undefined {
  let at: Node = env;
  while (at.parent?.type === 'field_expression' && at.parent.parent?.type === 'call_expression') at = at.parent.parent;
  const call = at.parent?.type === 'arguments' ? at.parent.parent : null;
  if (call?.type !== 'call_expression' || !/(^|::)FileAdapter::wrap$/.test(field(call, 'function')?.text.replace(/\s+/g, '') ?? ''))
    return undefined;
  return (chained(call).get('with_suffix') ?? '_file').toUpperCase();
}

/** A file's structs, and the fields of them that hold another struct, by type name: each may be a nested group. */
function nests(root: Node): Fact[] {
  return root.descendantsOfType('struct_item').flatMap((item): Fact[] => {
    const into = item && field(item, 'name')?.text;
    // A tuple struct, `HttpUrl(pub Url)`, deserializes as the value it wraps: a key, not a group.
    const named = field(item ?? root, 'body')?.type === 'field_declaration_list';
    const declared: Fact[] = into && named ? [{ kind: 'struct', name: into }] : [];
    return declared.concat(
      (item?.descendantsOfType('field_declaration') ?? []).flatMap((declaration): Fact[] => {
        const [name, type] = [declaration && field(declaration, 'name'), declaration && field(declaration, 'type')];
        const inner = type && typeName(type, () => into);
        if (!into || !name || !inner || !CAPITALIZED.test(inner) || OPTIONAL.test(type?.text ?? '') || type?.type === 'generic_type')
          return [];
        return [{ kind: 'nest', into, name: ownName(declaration, name), type: inner }];
      }),
    );
  });
}

/** A field's name as the configuration spells it: serde's `rename`, else its own. */
function ownName(declaration: Node | null, name: Node): string {
  const renamed = declaration ? serdeOptions(attributesBefore(declaration)).get('rename') : undefined;
  return (renamed && plainString(renamed, STRINGS)) ?? name.text.replace(/^r#/, '');
}

/** Pass 1: the structs a file builds with the config crate from the environment, and the fields of its structs that hold others. */
export function configCrateFacts(root: Node): Wrapper[] {
  if (!/\bEnv(ironment)?\s*::/.test(root.text)) return root.text.includes('Deserialize') ? nests(root).map(wrapperOf) : [];
  return [...loads(root), ...nests(root)].map(wrapperOf);
}

type Load = Extract<Fact, { kind: 'load' }>;

/** The loads each struct is read under, through the fields that nest it (`APP_DATABASE__` for `Settings.database`), and every struct's name. */
function loadsByType(wrappers: readonly Wrapper[]): { byType: Map<string, Load[]>; structs: Set<string> } {
  const facts = wrappers.filter((w) => w.wraps === CONFIG).map((w) => JSON.parse(w.name) as Fact);
  const structs = new Set(facts.flatMap((f) => (f.kind === 'struct' ? [f.name] : [])));
  const byType = new Map<string, Load[]>();
  const add = (load: Load): boolean => {
    const known = byType.get(load.type) ?? [];
    if (known.some((k) => k.prefix === load.prefix)) return false;
    byType.set(load.type, [...known, load]);
    return true;
  };
  for (const f of facts) if (f.kind === 'load') add(f);
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false;
    for (const f of facts) {
      if (f.kind !== 'nest' || !structs.has(f.type)) continue;
      // Without a separator a variable names one top-level key: a nested struct's fields cannot be set from it.
      for (const l of byType.get(f.into) ?? [])
        if (l.separator) changed = add({ ...l, type: f.type, prefix: `${l.prefix}${f.name.toUpperCase()}${l.separator}` }) || changed;
    }
  }
  return { byType, structs };
}

/**
 * Pass 2: the fields of a file's structs that the config crate fills from the environment (`config::Environment::with_prefix("APP")
 * .separator("__")`, then `try_deserialize::<Settings>()`): each is the prefix and its path joined by the separator, in capitals
 * (`APP_DATABASE__HOST`), a field holding another such struct a group. An `Option` or a serde default runs without the key; where
 * the builder also reads files (`File::with_name("configuration/base")`) any field falls back to them; any other is required.
 */
export function configCrateFields(root: Node, wrappers: ReadonlyMap<string, Wrapper>): FoundRead[] {
  // Every file with a serde struct lists its nests: without a load anywhere there is nothing to parse them for.
  const facts = [...wrappers.values()];
  if (!facts.some((w) => w.wraps === CONFIG && w.name.startsWith(LOAD_FACT))) return [];
  const { byType, structs } = loadsByType(facts);
  if (byType.size === 0) return [];
  return root.descendantsOfType('struct_item').flatMap((item): FoundRead[] => {
    const loaded = item ? byType.get(field(item, 'name')?.text ?? '') : undefined;
    if (!item || !loaded) return [];
    const whole = serdeOptions(attributesBefore(item)).has('default');
    return deserializedFields(item).flatMap(({ declaration, name, type, options }): FoundRead[] => {
      const inner = typeName(type, () => undefined);
      // A field holding a struct is a group: its own fields are the keys (none, without a separator).
      if (inner && structs.has(inner) && type.type !== 'generic_type') return [];
      const own = ownName(declaration, name).toUpperCase();
      return loaded.map((l): FoundRead => {
        const falls = whole || l.files || options.has('default') || OPTIONAL.test(type.text);
        const fallback: ReadFallback = falls ? { kind: 'default' } : { kind: 'none' };
        const read = { name: `${l.prefix}${own}`, at: name, via: l.via, fallback };
        // The file named by NAME_FILE, when it is set, gives the value: that variable sets what the read gets.
        return l.fileSuffix ? { ...read, also: [`${read.name}${l.fileSuffix}`] } : read;
      });
    });
  });
}
