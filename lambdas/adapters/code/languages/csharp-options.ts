import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { DeclaredMember, DeclaredType, DeclaredTypes, FoundRead } from '../language';
import { enclosing, isNull } from '../syntax';
import { argumentsOf, memberName, sectionOf } from './csharp-config';

// The options pattern: a class bound to a configuration section, each public settable property a key under it.
// `Configure<T>(section)`, `AddOptions<T>().Bind(section)` / `.BindConfiguration("A")`, `section.Get<T>()`, `section.Bind(obj)`.

/** A type's simple name (`Foo.TlsOptions?` is `TlsOptions`); collections and dictionaries (arrays, generics other than `Nullable<T>`) are none. */
function simpleType(type: Node | null): string | undefined {
  if (type === null) return undefined;
  if (type.type === 'nullable_type') return simpleType(type.childForFieldName('type'));
  if (type.type === 'generic_name')
    return type.namedChildren[0]?.text === 'Nullable' ? simpleType(type.namedChildren[1]?.namedChildren[0] ?? null) : undefined;
  if (type.type === 'array_type') return undefined;
  return type.text.split('.').pop();
}

const modifiers = (node: Node): string[] => node.children.flatMap((c) => (c?.type === 'modifier' ? [c.text] : []));

/** `[Required]` (DataAnnotations) or C# 11's `required`: the author says the key must be set, so it has no default. */
function required(property: Node): boolean {
  if (modifiers(property).includes('required')) return true;
  return property.namedChildren.some(
    (c) =>
      c?.type === 'attribute_list' &&
      c.namedChildren.some(
        (a) => a?.type === 'attribute' && /^(\w+\.)*Required(Attribute)?$/.test(a.childForFieldName('name')?.text ?? ''),
      ),
  );
}

/** Whether the binder can set it: a public `set` or `init` accessor. */
function settable(property: Node): boolean {
  const accessors = property.childForFieldName('accessors')?.namedChildren ?? [];
  return accessors.some((a) => a !== null && /^(set|init)\b/.test(a.text));
}

/** What a property holds when the section lacks its key: its initializer (a literal's text), else its type's default. */
function initial(property: Node): ReadFallback {
  if (required(property)) return { kind: 'none' };
  const value = property.childForFieldName('value');
  const literal = value && value.type.endsWith('_literal') && !isNull(value);
  return literal ? { kind: 'default', value: value.text } : { kind: 'default' };
}

function member(property: Node): DeclaredMember[] {
  const [name, type] = [property.childForFieldName('name'), simpleType(property.childForFieldName('type'))];
  if (!name || type === undefined || !modifiers(property).includes('public') || modifiers(property).includes('static')) return [];
  return [{ name: name.text, type, settable: settable(property), at: name.startPosition, fallback: initial(property) }];
}

/** A class's `const string` fields with a plain literal, by name. */
function constants(body: Node, key: (n: Node) => string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const field of body.namedChildren) {
    if (field?.type !== 'field_declaration' || !modifiers(field).includes('const')) continue;
    for (const declarator of field.descendantsOfType('variable_declarator')) {
      const [name, value] = [declarator?.childForFieldName('name'), declarator?.lastNamedChild];
      const text = value ? key(value) : undefined;
      if (name && text !== undefined) found.set(name.text, text);
    }
  }
  return found;
}

/** The classes (and records) a file declares, each with its public properties and string constants. */
export function optionsClasses(root: Node, key: (n: Node) => string | undefined): DeclaredType[] {
  return root.descendantsOfType(['class_declaration', 'record_declaration']).flatMap((node) => {
    const name = node?.childForFieldName('name')?.text;
    const body = node?.childForFieldName('body');
    if (!name || !body) return [];
    const members = body.namedChildren.flatMap((c) => (c?.type === 'property_declaration' ? member(c) : []));
    const named = constants(body, key);
    const bases = node?.namedChildren.find((c) => c?.type === 'base_list')?.namedChildren.flatMap((b) => simpleType(b) ?? []) ?? [];
    return members.length || named.size || bases.length ? [{ name, members, constants: named, bases }] : [];
  });
}

/** A key written as a literal, a declared class's constant (`SmtpOptions.Section`) or `nameof(SmtpOptions)`. */
export function keyWith(key: (n: Node) => string | undefined, declared: DeclaredTypes): (n: Node) => string | undefined {
  return (node) => {
    if (node.type === 'member_access_expression') {
      const owner = node.childForFieldName('expression')?.text.split('.').pop() ?? '';
      return declared(owner)?.constants?.get(node.childForFieldName('name')?.text ?? '');
    }
    const fn = node.type === 'invocation_expression' ? node.childForFieldName('function') : null;
    const [arg] = argumentsOf(node.childForFieldName('arguments'));
    if (fn?.text === 'nameof' && arg) return arg.text.split('.').pop();
    return key(node);
  };
}

interface Bind {
  /** The type bound, undefined where the code does not say (`section.Bind(options)` of a lambda's parameter). */
  readonly type: string | undefined;
  readonly section: string;
  readonly via: string;
}

/** Whether a call's name has type arguments (`Get<T>`). */
const isGeneric = (fn: Node | null): boolean =>
  (fn?.type === 'member_access_expression' ? fn.childForFieldName('name') : fn)?.type === 'generic_name';

/** The single type argument of a generic member access's name (`Configure<SmtpOptions>` gives `SmtpOptions`). */
function typeArgument(fn: Node | null): string | undefined {
  const name = fn?.type === 'member_access_expression' ? fn.childForFieldName('name') : fn;
  const args = name?.type === 'generic_name' ? name.namedChildren[1]?.namedChildren : undefined;
  return args?.length === 1 ? simpleType(args[0] ?? null) : undefined;
}

/** The type of an object a file creates or declares under a name (`var o = new SmtpOptions();`, `SmtpOptions o`). */
function typeOfObject(root: Node, arg: Node): string | undefined {
  if (arg.type === 'object_creation_expression') return simpleType(arg.childForFieldName('type'));
  if (arg.type !== 'identifier') return undefined;
  for (const node of root.descendantsOfType(['variable_declaration', 'parameter', 'property_declaration'])) {
    if (node === null) continue;
    const named = node.type === 'variable_declaration' ? node.namedChildren.filter((c) => c?.type === 'variable_declarator') : [node];
    const own = named.find((n) => n?.childForFieldName('name')?.text === arg.text);
    if (!own) continue;
    const type = node.childForFieldName('type');
    if (type?.type !== 'implicit_type') return simpleType(type);
    const created = own.namedChildren.find((c) => c?.type === 'object_creation_expression');
    return created ? simpleType(created.childForFieldName('type')) : undefined;
  }
  return undefined;
}

/** The `AddOptions<T>()` a builder chain starts from, if it does: its type (undefined where it is not a class's simple name). */
function addOptions(node: Node | null): { type: string | undefined } | undefined {
  for (let at = node; at !== null;) {
    if (at.type !== 'invocation_expression') return undefined;
    const fn = at.childForFieldName('function');
    if (/^AddOptions(WithValidateOnStart)?$/.test(memberName(fn) ?? '')) return { type: typeArgument(fn) };
    at = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
  }
  return undefined;
}

function bindOf(root: Node, node: Node, names: Set<string>, key: (n: Node) => string | undefined): Bind | undefined {
  const fn = node.childForFieldName('function');
  const method = memberName(fn) ?? '';
  const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
  const args = argumentsOf(node.childForFieldName('arguments'));
  const last = args.at(-1);
  const section = (n: Node | undefined | null) => (n ? sectionOf(n, names, key) : undefined);
  const bind = (type: string | undefined, at: string | undefined): Bind | undefined =>
    at === undefined ? undefined : { type, section: at, via: type === undefined ? method : `${method}<${type}>` };
  // `Configure<T>(section)` and named options' `Configure<T>("name", section)`; `Configure<T>(o => …)` binds nothing.
  if (method === 'Configure') return bind(typeArgument(fn), section(last));
  const builder = addOptions(receiver);
  if (method === 'BindConfiguration') return builder && bind(builder.type, args[0] && key(args[0]));
  // `Get<T>()`: a collection's type (`Get<string[]>()`) is none of a class's, its items are read under the section all the same.
  if (method === 'Get') return args.length === 0 && isGeneric(fn) ? bind(typeArgument(fn), section(receiver)) : undefined;
  if (method !== 'Bind' || !last) return undefined;
  if (builder !== undefined) return bind(builder.type, section(last));
  // `section.Bind(obj)`, or `config.Bind("A", obj)`.
  const outer = section(receiver);
  const own = args.length === 2 && args[0] ? key(args[0]) : args.length === 1 ? '' : undefined;
  const path = outer === undefined || own === undefined ? undefined : [outer, own].filter((p) => p !== '').join(':');
  return bind(typeOfObject(root, last), path);
}

/** The keys a type's members are read at under `section`, following members whose type is declared too (each type once per path). */
function membersRead(type: string, section: string, via: string, declared: DeclaredTypes, seen: ReadonlySet<string>): FoundRead[] {
  const found = declared(type);
  if (found === undefined || seen.has(type)) return [];
  const within = new Set([...seen, type]);
  const own = found.members.flatMap((m) => {
    const name = section === '' ? m.name : `${section}:${m.name}`;
    if (declared(m.type) !== undefined) return membersRead(m.type, name, via, declared, within);
    return m.settable
      ? [{ name, at: { startPosition: m.at }, file: found.file, via, fallback: m.fallback, property: 'dotnet' as const }]
      : [];
  });
  return [...own, ...(found.bases ?? []).flatMap((base) => membersRead(base, section, via, declared, within))];
}

/**
 * A read of the keys under a section, by names the scan cannot list (FoundRead.open): a section bound to a type the tree
 * does not declare (`Configure<JwtBearerOptions>(config.GetSection("Jwt"))`, a NuGet package's or the framework's options,
 * `.BindConfiguration("RateLimiting")`), or handed to code it cannot see (YARP's `LoadFromConfig(config.GetSection("ReverseProxy"))`).
 */
const under = (section: string, at: Node, via: string): FoundRead => ({
  name: section === '' ? '' : `${section}:`,
  at,
  via,
  fallback: { kind: 'none' },
  open: {},
});

const FUNCTIONS = new Set(['method_declaration', 'local_function_statement']);

/** A parameter of the method or local function around a node (a wrapper's: its calls name the section). */
function isParameter(node: Node): boolean {
  const fn = node.type === 'identifier' ? enclosing(node, FUNCTIONS) : undefined;
  return (fn?.childForFieldName('parameters')?.namedChildren ?? []).some((p) => p?.childForFieldName('name')?.text === node.text);
}

/**
 * `GetSection(x)` whose name is made as the code runs (`$"Authentication:Schemes:{provider}"`): the keys under the text it
 * starts with; and `GetSection("A")` handed as an argument to a call that binds no declared class: the keys under `A`.
 */
function sectionReads(
  node: Node,
  names: Set<string>,
  key: (n: Node) => string | undefined,
  start: (n: Node) => string,
  bound: () => boolean,
): FoundRead[] {
  const fn = node.childForFieldName('function');
  const method = memberName(fn) ?? '';
  if (method !== 'GetSection' && method !== 'GetRequiredSection') return [];
  const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
  const [arg] = argumentsOf(node.childForFieldName('arguments'));
  const outer = receiver && arg ? sectionOf(receiver, names, key) : undefined;
  if (outer === undefined || !arg) return [];
  const own = key(arg);
  if (own === undefined) {
    if (isParameter(arg)) return [];
    const text = [outer, start(arg)].filter((p) => p !== '').join(':');
    return [{ name: text, at: node, via: `IConfiguration.${method}`, fallback: { kind: 'none' }, open: {} }];
  }
  const handed = node.parent?.type === 'argument' && node.parent.parent?.type === 'argument_list';
  return handed && !bound() ? [under(outer === '' ? own : `${outer}:${own}`, node, `IConfiguration.${method}`)] : [];
}

/** The reads the options pattern makes in a file: each bound class's properties, at their declarations. */
export function optionsReads(
  root: Node,
  names: Set<string>,
  key: (n: Node) => string | undefined,
  declared: DeclaredTypes,
  start: (n: Node) => string = () => '',
): FoundRead[] {
  const named = keyWith(key, declared);
  return root.descendantsOfType('invocation_expression').flatMap((node) => {
    if (node === null) return [];
    const bind = bindOf(root, node, names, named);
    // The call a section is handed to, when that call binds it (then the binding says what is read); asked only of a handed section.
    const call = node.parent?.parent?.parent;
    const bound = () => call?.type === 'invocation_expression' && bindOf(root, call, names, named) !== undefined;
    const sections = sectionReads(node, names, named, start, bound);
    if (!bind) return sections;
    // Read where the call names its method (`.BindConfiguration("RateLimiting")` ends a chain begun lines before).
    const fn = node.childForFieldName('function');
    const at = (fn?.type === 'member_access_expression' ? fn.childForFieldName('name') : fn) ?? node;
    if (bind.type === undefined || declared(bind.type) === undefined) return [...sections, under(bind.section, at, bind.via)];
    return [...sections, ...membersRead(bind.type, bind.section, bind.via, declared, new Set())];
  });
}
