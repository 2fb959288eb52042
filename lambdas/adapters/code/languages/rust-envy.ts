import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, Wrapper } from '../language';
import { field, plainString } from '../syntax';

const STRINGS = ['string_literal', 'raw_string_literal'];
const LITERAL = /^(string_literal|raw_string_literal|integer_literal|float_literal|boolean_literal|char_literal|negative_literal)$/;
// What the pseudo-wrappers of pass 1 wrap: no call is named as they are, so none is matched as a wrapper's call.
const ENVY = 'envy';
const LOADS = /^envy::(from_env|prefixed)$|\.from_env$/;
// A load whose failure the code replaces with the struct's Default: every field then has a default.
const LENIENT = new Set(['unwrap_or_default', 'unwrap_or', 'unwrap_or_else']);
const OPTIONAL = /^Option\s*</;

/** What pass 1 hands on: a struct loaded from the environment with a prefix, or flattened into another. */
type Fact = { kind: 'load'; type: string; prefix: string; lenient: boolean } | { kind: 'flatten'; type: string; into: string };

const wrapperOf = (fact: Fact): Wrapper => ({ name: JSON.stringify(fact), keyParam: 0, fallback: { kind: 'none' }, wraps: ENVY });

/** `config::Config`, `Result<Config, envy::Error>`: the struct's own name (the first argument of a `Result` or `Option`). */
export function typeName(type: Node | undefined, impl: () => string | undefined): string | undefined {
  if (!type) return undefined;
  if (type.type === 'generic_type' && /^(Result|Option)$/.test(field(type, 'type')?.text.split('::').at(-1) ?? ''))
    return typeName(field(type, 'type_arguments')?.namedChildren[0] ?? undefined, impl);
  const name = (type.type === 'generic_type' ? field(type, 'type') : type)?.text.split('::').at(-1);
  return name === 'Self' ? impl() : name;
}

/** The struct a load makes: its turbofish, else the `let` it is bound by, else its function's return type. */
export function loadedType(call: Node, fn: Node): string | undefined {
  const impl = (): string | undefined => {
    let at: Node | null = call;
    while (at && at.type !== 'impl_item') at = at.parent;
    return at ? field(at, 'type')?.text : undefined;
  };
  if (fn.type === 'generic_function') return typeName(field(fn, 'type_arguments')?.namedChildren[0] ?? undefined, impl);
  for (let at = call.parent, depth = 0; at && depth < 8; at = at.parent, depth++) {
    if (at.type === 'let_declaration') return typeName(field(at, 'type'), impl);
    if (at.type === 'function_item') return typeName(field(at, 'return_type'), impl);
  }
  return undefined;
}

/** Whether the code replaces a failed load with a default: `.unwrap_or_default()` on it. */
function lenient(call: Node): boolean {
  const method = call.parent?.type === 'field_expression' ? field(call.parent, 'field')?.text : undefined;
  return method !== undefined && LENIENT.has(method);
}

function loads(root: Node): Fact[] {
  return root.descendantsOfType('call_expression').flatMap((call): Fact[] => {
    const fn = call && field(call, 'function');
    const path = fn && (fn.type === 'generic_function' ? field(fn, 'function') : fn);
    if (!call || !fn || !path || !LOADS.test(path.text.replace(/\s+/g, '')) || path.text.endsWith('prefixed')) return [];
    const receiver = path.type === 'field_expression' ? field(path, 'value') : undefined;
    const prefixed = receiver?.type === 'call_expression' && /^envy::prefixed$/.test(field(receiver, 'function')?.text ?? '');
    if (path.type === 'field_expression' && !prefixed) return [];
    const prefix = prefixed ? plainString(field(receiver, 'arguments')?.namedChildren[0] ?? receiver, STRINGS) : '';
    const type = loadedType(call, fn);
    return type && prefix !== undefined ? [{ kind: 'load', type, prefix, lenient: lenient(call) }] : [];
  });
}

/** A `#[serde(…)]` attribute's options by name: `default`, `default = "f"`, `rename = "x"`, `flatten`, `skip`. */
/** A struct field serde fills: its name and type nodes and its `#[serde(…)]` options. */
export interface SerdeField {
  declaration: Node;
  name: Node;
  type: Node;
  options: Map<string, Node | undefined>;
}

/** The fields of a struct serde deserializes: declared with a name and a type, neither flattened nor skipped. */
export function deserializedFields(item: Node): SerdeField[] {
  return (field(item, 'body')?.namedChildren ?? []).flatMap((declaration): SerdeField[] => {
    const [name, type] = [declaration && field(declaration, 'name'), declaration && field(declaration, 'type')];
    if (declaration?.type !== 'field_declaration' || !name || !type) return [];
    const options = serdeOptions(attributesBefore(declaration));
    if (options.has('flatten') || options.has('skip') || options.has('skip_deserializing')) return [];
    return [{ declaration, name, type, options }];
  });
}

export function serdeOptions(attributes: Node[]): Map<string, Node | undefined> {
  const found = new Map<string, Node | undefined>();
  for (const attribute of attributes) {
    const tokens = attribute.namedChildren[0]?.text === 'serde' ? field(attribute, 'arguments') : undefined;
    let group: Node[] = [];
    const close = (): void => {
      const [name, , value] = group;
      if (name && !found.has(name.text)) found.set(name.text, value);
      group = [];
    };
    for (const token of tokens?.children ?? []) {
      if (token === null || token.type === '(' || token.type === ')') continue;
      if (token.type === ',') close();
      else group.push(token);
    }
    close();
  }
  return found;
}

/** The attributes written before an item or a field (comments between are skipped). */
export function attributesBefore(node: Node): Node[] {
  const found: Node[] = [];
  for (let at = node.previousNamedSibling; at && /attribute_item|comment/.test(at.type); at = at.previousNamedSibling)
    if (at.type === 'attribute_item' && at.namedChildren[0]) found.push(at.namedChildren[0]);
  return found;
}

/** `fn default_port() -> u16 { 8080 }` in the file: what `default = "default_port"` gives. */
function literalFunctions(root: Node): Map<string, string> {
  const found = new Map<string, string>();
  for (const fn of root.descendantsOfType('function_item')) {
    const [name, body] = [fn && field(fn, 'name')?.text, fn && field(fn, 'body')];
    const value = body?.namedChildren.length === 1 ? body.namedChildren[0] : undefined;
    if (name && value && LITERAL.test(value.type)) found.set(name, value.text);
  }
  return found;
}

function fieldFallback(options: Map<string, Node | undefined>, type: string, whole: boolean, functions: Map<string, string>): ReadFallback {
  if (options.has('default')) {
    const named = options.get('default');
    // `default = "defaults::port"` names a function of a module of the file.
    const value = named && functions.get(plainString(named, STRINGS)?.split('::').at(-1) ?? '');
    return value === undefined ? { kind: 'default' } : { kind: 'default', value };
  }
  return whole || OPTIONAL.test(type) ? { kind: 'default' } : { kind: 'none' };
}

/** Pass 1: the structs a file loads with envy (`envy::from_env::<Config>()`, `envy::prefixed("APP_").from_env()`), and those it flattens into others. */
export function envyFacts(root: Node): Wrapper[] {
  if (!root.text.includes('envy') && !root.text.includes('flatten')) return [];
  const flattened = root.descendantsOfType('struct_item').flatMap((item): Fact[] => {
    const into = item && field(item, 'name')?.text;
    return (item?.descendantsOfType('field_declaration') ?? []).flatMap((declaration): Fact[] => {
      const type = declaration && typeName(field(declaration, 'type'), () => into);
      return into && type && declaration && serdeOptions(attributesBefore(declaration)).has('flatten')
        ? [{ kind: 'flatten', type, into }]
        : [];
    });
  });
  return [...loads(root), ...flattened].map(wrapperOf);
}

/** The prefixes each struct is loaded with, through the structs it is flattened into. */
function prefixesByType(wrappers: readonly Wrapper[]): Map<string, Map<string, boolean>> {
  const facts = wrappers.filter((w) => w.wraps === ENVY).map((w) => JSON.parse(w.name) as Fact);
  const byType = new Map<string, Map<string, boolean>>();
  const add = (type: string, prefix: string, lax: boolean): boolean => {
    const prefixes = byType.get(type) ?? new Map<string, boolean>();
    byType.set(type, prefixes);
    // A struct loaded strictly anywhere needs its fields: strict wins.
    const before = prefixes.get(prefix);
    prefixes.set(prefix, (before ?? true) && lax);
    return before === undefined || before !== prefixes.get(prefix);
  };
  for (const f of facts) if (f.kind === 'load') add(f.type, f.prefix, f.lenient);
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false;
    for (const f of facts)
      if (f.kind === 'flatten') for (const [prefix, lax] of byType.get(f.into) ?? []) changed = add(f.type, prefix, lax) || changed;
  }
  return byType;
}

/**
 * Pass 2: the fields of a file's structs that envy fills from the environment, each read as its prefix and its
 * name (or `rename`) in capitals, as envy matches variables case-blind. A field falls back when serde gives it a
 * default (`#[serde(default)]` on it or its struct, `default = "f"`) or it is an `Option`; any other is required,
 * unless the code replaces a failed load with the struct's Default. `flatten`ed fields are their struct's reads.
 */
export function envyFields(root: Node, wrappers: ReadonlyMap<string, Wrapper>): FoundRead[] {
  const byType = prefixesByType([...wrappers.values()]);
  if (byType.size === 0) return [];
  // A struct the file loads itself is that load's: another file's struct of the same name (each binary's `Config`) is not.
  const own = prefixesByType(envyFacts(root));
  const functions = literalFunctions(root);
  return root.descendantsOfType('struct_item').flatMap((item): FoundRead[] => {
    const name = item && field(item, 'name')?.text;
    const prefixes = name ? (own.get(name) ?? byType.get(name)) : undefined;
    if (!item || !prefixes) return [];
    const whole = serdeOptions(attributesBefore(item)).has('default');
    return deserializedFields(item).flatMap(({ name, type, options }): FoundRead[] => {
      const renamed = options.get('rename');
      const own = (renamed && plainString(renamed, STRINGS)) ?? name.text.replace(/^r#/, '');
      return [...prefixes].map(([prefix, lax]) => ({
        name: `${prefix}${own.toUpperCase()}`,
        at: name,
        via: prefix ? `envy::prefixed("${prefix}")` : 'envy::from_env',
        fallback: lax ? { kind: 'default' } : fieldFallback(options, type.text, whole, functions),
      }));
    });
  });
}
