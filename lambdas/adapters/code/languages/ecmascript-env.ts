import type { Node } from 'web-tree-sitter';
import type { FlowDialect } from '../read-flow';
import type { ReadSite } from '../read-sites';
import { field, plainString } from '../syntax';
import { importedAs } from './ecmascript-imports';
import { scriptModule } from '../constant-imports';
import type { TreeConstants } from '../language';

// `X.env` objects that hold the environment, by the text of X; k6 scripts get theirs as the global `__ENV`.
const ENV_OWNERS: Readonly<Record<string, string>> = {
  process: 'process.env',
  'import.meta': 'import.meta.env',
  Deno: 'Deno.env',
  Bun: 'Bun.env',
};
// Node's process module, whose `env` is process.env (`import { env } from 'node:process'`, `require('process')`).
const PROCESS_MODULES = ['process', 'node:process'];

/** The owner of `env` a destructured value is: `process`, or Node's process module required (`require('node:process')`). */
function ownerOf(value: Node): string | undefined {
  if (value.type === 'identifier' && Object.hasOwn(ENV_OWNERS, value.text)) return value.text;
  const [fn, args] = [value.childForFieldName('function'), value.childForFieldName('arguments')];
  const only = args?.namedChildren.length === 1 ? args.namedChildren[0] : undefined;
  return value.type === 'call_expression' &&
    fn?.text === 'require' &&
    PROCESS_MODULES.includes((only && plainString(only, ['string'])) ?? '')
    ? 'process'
    : undefined;
}

/** How a node names the environment object (`process.env`, `import.meta.env`, k6's `__ENV`), or undefined. */
export function envObject(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text === '__ENV' ? '__ENV (k6)' : undefined;
  if (node.type !== 'member_expression' || node.childForFieldName('property')?.text !== 'env') return undefined;
  return ENV_OWNERS[node.childForFieldName('object')?.text ?? ''];
}

const VITE_LOAD_ENV = 'loadEnv (vite)';

/** The names a file imports Vite's `loadEnv` under (`import { defineConfig, loadEnv } from 'vite'`). */
function viteLoadEnv(root: Node): Set<string> {
  return /\bloadEnv\b/.test(root.text) ? importedAs(root, ['vite'], 'loadEnv') : new Set();
}

/**
 * The prefixes of the variables `loadEnv(mode, dir, prefixes)` returns: Vite's default, `VITE_`, without the argument;
 * `''` takes every one. Undefined where the argument is not written as strings: every variable is then taken as read.
 */
function loadEnvPrefixes(call: Node): readonly string[] | undefined {
  const prefixes = call.childForFieldName('arguments')?.namedChildren[2];
  if (!prefixes) return ['VITE_'];
  const texts = (prefixes.type === 'array' ? prefixes.namedChildren : [prefixes]).map((p) => (p ? plainString(p, ['string']) : undefined));
  return texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
}

/** How a file names the environment object: the object (`process.env`), and the prefixes of the variables it holds, where it holds only some. */
export interface EnvAlias {
  via: string;
  prefixes?: readonly string[];
}

/**
 * Names a file gives the environment object, with how it names it: `const env = process.env`,
 * `const { env } = process`, `const { env: e } = process`, `import { env } from 'node:process'`, and what Vite's
 * `loadEnv(mode, dir, prefixes)` returns (the variables of the `.env` files of the mode, and the process's, that start
 * with one of the prefixes). A use of such a name reads as the object's.
 */
export function envAliases(root: Node): Map<string, EnvAlias> {
  const aliases = new Map<string, EnvAlias>();
  if (!/\benv\b|\bloadEnv\b/.test(root.text)) return aliases;
  const loaders = viteLoadEnv(root);
  for (const d of root.descendantsOfType('variable_declarator')) {
    const [name, value] = [d?.childForFieldName('name'), d?.childForFieldName('value')];
    if (!name || !value) continue;
    const loaded = value.type === 'call_expression' && loaders.has(value.childForFieldName('function')?.text ?? '');
    const via = loaded ? VITE_LOAD_ENV : envObject(value);
    const prefixes = loaded ? loadEnvPrefixes(value) : undefined;
    if (via && name.type === 'identifier') aliases.set(name.text, prefixes && !prefixes.includes('') ? { via, prefixes } : { via });
    const owner = ownerOf(value);
    if (name.type !== 'object_pattern' || owner === undefined) continue;
    for (const p of name.namedChildren) {
      if (p?.type === 'shorthand_property_identifier_pattern' && p.text === 'env') aliases.set('env', { via: ENV_OWNERS[owner] as string });
      const [key, local] = [p?.childForFieldName('key'), p?.childForFieldName('value')];
      if (p?.type === 'pair_pattern' && key?.text === 'env' && local?.type === 'identifier')
        aliases.set(local.text, { via: ENV_OWNERS[owner] as string });
    }
  }
  // `import { env } from 'node:process'`, `import { env as e } from 'process'`.
  for (const local of importedAs(root, PROCESS_MODULES, 'env')) aliases.set(local, { via: 'process.env' });
  return aliases;
}

/** One property of `const { X, Y = 'd', Z: z, 'W': w = 1 } = process.env`. */
function propertySite(property: Node | null, via: string): ReadSite | undefined {
  if (property === null) return undefined;
  if (property.type === 'shorthand_property_identifier_pattern') return { key: property, via, fallback: { kind: 'none' } };
  if (property.type === 'object_assignment_pattern') {
    const key = property.childForFieldName('left');
    const value = property.childForFieldName('right');
    return key ? { key, via, fallback: value ? { kind: 'default', node: value } : { kind: 'none' } } : undefined;
  }
  if (property.type !== 'pair_pattern') return undefined;
  const key = property.childForFieldName('key');
  const value = property.childForFieldName('value');
  const fallback = value?.type === 'assignment_pattern' ? value.childForFieldName('right') : null;
  return key ? { key, via, fallback: fallback ? { kind: 'default', node: fallback } : { kind: 'none' } } : undefined;
}

/** The reads of a destructuring of the environment object (`const { PORT = '8080' } = process.env`). */
export function destructured(parent: Node, env: Node, via: string): ReadSite[] {
  if (!['variable_declarator', 'assignment_expression'].includes(parent.type)) return [];
  const value = parent.childForFieldName(parent.type === 'variable_declarator' ? 'value' : 'right');
  const pattern = parent.childForFieldName(parent.type === 'variable_declarator' ? 'name' : 'left');
  if (value?.id !== env.id || pattern?.type !== 'object_pattern') return [];
  return pattern.namedChildren.flatMap((property) => propertySite(property, via) ?? []);
}

const branch = (node: Node, type: string) => {
  if (node.type !== type) return undefined;
  const [condition, consequence] = [field(node, 'condition'), field(node, 'consequence')];
  return condition && consequence ? { condition, consequence, alternative: field(node, 'alternative') } : undefined;
};

/** How JavaScript binds a read to a variable and tests it afterwards (`let v = process.env.X; if (!v) v = 'd';`). */
export const flow: FlowDialect = {
  binding(value) {
    const at = value.parent;
    if (at?.type === 'variable_declarator' && field(at, 'name')?.type === 'identifier' && at.parent)
      return { names: [field(at, 'name')?.text ?? ''], statement: at.parent };
    if (at?.type === 'assignment_expression' && at.parent) return { names: [field(at, 'left')?.text ?? ''], statement: at.parent };
    return undefined;
  },
  ifParts: (node) => branch(node, 'if_statement'),
  conditional: (node) => branch(node, 'ternary_expression'),
  assignment(node) {
    if (node.type !== 'assignment_expression') return undefined;
    const [target, value] = [field(node, 'left'), field(node, 'right')];
    return target && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_statement' ? node.namedChildren.filter((n): n is Node => n !== null) : undefined),
  fails: (node) => node.type === 'throw_statement' || (node.type === 'call_expression' && /^process\.exit\(/.test(node.text)),
  empty: new Set(['undefined', 'null', "''", '""', '``']),
};

/** The name, no identifier's, under which a module's constants hold what its default export is when that is the environment object. */
const ENV_EXPORT = '#default export: the environment object';

/**
 * A module whose default export is the environment object, as the constants of its file (`export default process.env`, or what a
 * call makes of it alone: outline's `export default withFileSecrets(process.env)`, a Proxy that reads through to it).
 */
export function envExport(root: Node): ReadonlyMap<string, string> {
  if (!/\bexport\s+default\b/.test(root.text)) return new Map();
  const aliases = envAliases(root);
  const names = (node: Node | null | undefined): string | undefined =>
    node ? (envObject(node) ?? (node.type === 'identifier' ? aliases.get(node.text)?.via : undefined)) : undefined;
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'export_statement' || !statement.children.some((c) => c?.type === 'default')) continue;
    const value = statement.childForFieldName('value') ?? statement.childForFieldName('declaration');
    const args = value?.type === 'call_expression' ? value.childForFieldName('arguments')?.namedChildren : undefined;
    const via = names(value) ?? (args?.length === 1 ? names(args[0]) : undefined);
    if (via) return new Map([[ENV_EXPORT, via]]);
  }
  return new Map();
}

/** The names a file gives, by a default import (`import environment from './utils/environment'`), to a module of the tree whose default export is the environment object. */
export function importedEnv(root: Node, constants: TreeConstants | undefined): Map<string, EnvAlias> {
  const found = new Map<string, EnvAlias>();
  if (!constants || !/\bimport\b/.test(root.text)) return found;
  for (const statement of root.namedChildren) {
    const source = statement?.type === 'import_statement' ? statement.childForFieldName('source') : null;
    const local = statement?.namedChildren.find((c) => c?.type === 'import_clause')?.namedChildren[0];
    const spec = source ? plainString(source, ['string']) : undefined;
    const via = spec !== undefined && local?.type === 'identifier' ? constants(ENV_EXPORT, scriptModule(spec)) : undefined;
    if (via && local) found.set(local.text, { via });
  }
  return found;
}
