import type { Node, Tree } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';

// .NET configuration: `IConfiguration["A:B"]`, `GetValue<T>("A", d)` (and `GetValue(typeof(T), "A", d)`), `GetConnectionString("X")`, `GetSection("A")…`.
// A receiver is configuration when its name says so (`configuration`, `_config`, `builder.Configuration`) or the
// file declares it with a configuration type; a dictionary's `items["X"]` is not a read.
const CONFIG_TYPES = new Set([
  'IConfiguration',
  'IConfigurationRoot',
  'IConfigurationSection',
  'ConfigurationManager',
  'IConfigurationManager',
]);
const SECTION = new Set(['GetSection', 'GetRequiredSection']);

/** Names the file declares with a configuration type (fields, parameters, locals, properties). */
export function configurationNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const node of root.descendantsOfType(['parameter', 'variable_declaration', 'property_declaration'])) {
    const type = node?.childForFieldName('type');
    // `Microsoft.Extensions.Configuration.IConfiguration` and `IConfiguration?` are the type too.
    const simple = type?.text.replace(/\?$/, '').split('.').pop() ?? '';
    if (!node || !type || !CONFIG_TYPES.has(simple)) continue;
    const named = node.type === 'variable_declaration' ? node.namedChildren.filter((c) => c?.type === 'variable_declarator') : [node];
    for (const n of named) if (n?.childForFieldName('name')) names.add(n.childForFieldName('name')?.text ?? '');
  }
  return names;
}

/** The simple name a member access or invocation target ends with (`GetValue` of `config.GetValue<int>`). */
export function memberName(node: Node | null): string | undefined {
  if (node === null) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'generic_name') return node.namedChildren[0]?.text;
  if (node.type === 'member_access_expression') return memberName(node.childForFieldName('name'));
  return undefined;
}

/** The positional arguments' expressions of an argument list. */
export function argumentsOf(list: Node | null): Node[] {
  return (list?.namedChildren ?? []).flatMap((arg) => (arg?.type === 'argument' && arg.lastNamedChild ? [arg.lastNamedChild] : []));
}

// A file's local variables by name, once per tree (every configuration read may ask about its receiver).
const locals = new WeakMap<Tree, Map<string, Node[]>>();

// `GetValue<bool>("X")` of a missing key is default(bool): a value type's zero (a nullable `int?` is null, no default).
const ZEROS: Readonly<Record<string, string>> = {
  bool: 'false',
  byte: '0',
  short: '0',
  int: '0',
  long: '0',
  uint: '0',
  ulong: '0',
  float: '0',
  double: '0',
  decimal: '0',
};

/** The zero GetValue<T> gives for a missing key when T is a value type, or undefined. */
function zeroOf(fn: Node | null): SiteFallback | undefined {
  const type = /GetValue\s*<\s*([A-Za-z.]+)\s*>$/
    .exec(fn?.text ?? '')?.[1]
    ?.replace(/^System\./, '')
    .toLowerCase();
  const aliases: Readonly<Record<string, string>> = { boolean: 'bool', int32: 'int', int64: 'long', single: 'float' };
  const zero = type === undefined ? undefined : ZEROS[aliases[type] ?? type];
  return zero === undefined ? undefined : { kind: 'default', value: zero };
}

/** What a variable was last set to where `id` reads it: the value of the closest declaration before it in a block around it. */
function initializerOf(id: Node): Node | undefined {
  let byName = locals.get(id.tree);
  if (byName === undefined) {
    byName = new Map();
    for (const d of id.tree.rootNode.descendantsOfType('variable_declarator')) {
      const name = d?.childForFieldName('name')?.text;
      if (d && name) byName.set(name, [...(byName.get(name) ?? []), d]);
    }
    locals.set(id.tree, byName);
  }
  const visible = (byName.get(id.text) ?? []).filter((d) => {
    let block = d.parent;
    while (block !== null && block.type !== 'block' && block.type !== 'compilation_unit') block = block.parent;
    return d.endIndex <= id.startIndex && block !== null && id.startIndex < block.endIndex;
  });
  const value = visible.at(-1)?.lastNamedChild;
  return value && value.type !== 'identifier' ? value : undefined;
}

/** What a configuration read reads from: the root (''), a section's path (`A:B`), or undefined when it is no configuration. */
export function sectionOf(node: Node, names: Set<string>, key: (n: Node) => string | undefined): string | undefined {
  // `var kafka = config.GetSection("Kafka");`: the variable is that section.
  const held = node.type === 'identifier' ? initializerOf(node) : undefined;
  const section = held && sectionOf(held, names, key);
  if (section !== undefined) return section;
  if (node.type === 'identifier' || node.type === 'member_access_expression') {
    const name = memberName(node) ?? '';
    return /config/i.test(name) || names.has(name) ? '' : undefined;
  }
  if (node.type !== 'invocation_expression') return undefined;
  const fn = node.childForFieldName('function');
  const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
  const arg = argumentsOf(node.childForFieldName('arguments'))[0];
  if (!SECTION.has(memberName(fn) ?? '') || !receiver || !arg) return undefined;
  const outer = sectionOf(receiver, names, key);
  const own = key(arg);
  if (outer === undefined || own === undefined) return undefined;
  return outer === '' ? own : `${outer}:${own}`;
}

export const under = (section: string) => (section === '' ? undefined : (text: string) => `${section}:${text}`);

/** The configuration reads of a node: element access, a section's `.Value`, and GetValue/GetConnectionString invocations. */
export function configurationSite(
  node: Node,
  names: Set<string>,
  key: (n: Node) => string | undefined,
  around: () => SiteFallback | undefined,
): ReadSite | undefined {
  if (node.type === 'member_access_expression') {
    // `GetSection("Logging:Level").Value`: the section's own value.
    const inner = node.childForFieldName('expression');
    if (memberName(node) !== 'Value' || inner?.type !== 'invocation_expression') return undefined;
    const fn = inner.childForFieldName('function');
    const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
    const at = argumentsOf(inner.childForFieldName('arguments'))[0];
    if (!SECTION.has(memberName(fn) ?? '') || !receiver || !at) return undefined;
    const outer = sectionOf(receiver, names, key);
    return outer === undefined
      ? undefined
      : { key: at, via: 'IConfigurationSection.Value', fallback: around() ?? NONE, name: under(outer), property: 'dotnet' };
  }
  if (node.type === 'element_access_expression') {
    const section = sectionOf(node.childForFieldName('expression') ?? node, names, key);
    const at = argumentsOf(node.childForFieldName('subscript'))[0];
    if (section === undefined || !at) return undefined;
    return { key: at, via: 'IConfiguration[]', fallback: around() ?? NONE, name: under(section), property: 'dotnet' };
  }
  const fn = node.childForFieldName('function');
  const method = memberName(fn);
  const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
  const args = argumentsOf(node.childForFieldName('arguments'));
  // `GetValue(typeof(string), "Key", d)`: the overload without a type argument names the type first.
  const [at, given] = method === 'GetValue' && args[0]?.type === 'typeof_expression' ? args.slice(1) : args;
  if (!receiver || !at) return undefined;
  if (method === 'GetConnectionString') {
    return {
      key: at,
      via: 'IConfiguration.GetConnectionString',
      fallback: around() ?? NONE,
      name: (text) => `ConnectionStrings:${text}`,
      property: 'dotnet',
    };
  }
  const section = method === 'GetValue' ? sectionOf(receiver, names, key) : undefined;
  if (section === undefined) return undefined;
  const fallback: SiteFallback = given ? { kind: 'default', node: given } : (around() ?? zeroOf(fn) ?? NONE);
  return { key: at, via: 'IConfiguration.GetValue', fallback, name: under(section), property: 'dotnet' };
}
