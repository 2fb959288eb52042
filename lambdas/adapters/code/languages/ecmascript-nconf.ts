import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, plainString } from '../syntax';
import { methodCall, properties } from './ecmascript-objects';

const VIA = 'nconf';
const MODULE = 'nconf';
const STRINGS = ['string'];

/** The names a file gives the nconf module: `const nconf = require('nconf')`, `import nconf from 'nconf'`, `import * as nconf`. */
function moduleNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const s of root.descendantsOfType('string')) {
    if (s === null || plainString(s, STRINGS) !== MODULE) continue;
    const holder = s.parent?.type === 'arguments' ? s.parent.parent : s.parent;
    if (holder?.type === 'import_statement') {
      const clause = holder.namedChildren.find((c) => c?.type === 'import_clause');
      for (const part of clause?.namedChildren ?? []) {
        if (part?.type === 'identifier') names.add(part.text);
        if (part?.type === 'namespace_import') part.namedChildren.forEach((n) => n?.type === 'identifier' && names.add(n.text));
      }
    } else if (holder?.type === 'call_expression' && holder.childForFieldName('function')?.text === 'require') {
      const declared = holder.parent?.type === 'variable_declarator' ? holder.parent.childForFieldName('name') : null;
      if (declared?.type === 'identifier') names.add(declared.text);
    }
  }
  return names;
}

/** The store a chain of calls starts from: `nconf` in `nconf.argv().env()`. */
function storeOf(call: Node): string | undefined {
  let at: Node | undefined = call;
  while (at?.type === 'call_expression') at = methodCall(at)?.object;
  return at?.type === 'identifier' ? at.text : undefined;
}

/** What a store is set up with: the separator `.env()` splits variables' names by, and its defaults and files. */
interface Store {
  separator?: string;
  /** `whitelist: ['PORT']`: the only variables the store takes, lower-cased. */
  only?: Set<string>;
  readonly defaults: Map<string, Node>;
  files: boolean;
}

/** `{ PORT: 3000, db: { host: 'localhost' } }` as nconf's paths: `PORT`, `db:host`. */
function flattened(object: Node, prefix: string, into: Map<string, Node>): void {
  for (const p of properties(object)) {
    const path = prefix ? `${prefix}:${p.name}` : p.name;
    if (p.value.type === 'object') flattened(p.value, path, into);
    else into.set(path, p.value);
  }
}

/** The stores the module's names and `new nconf.Provider()` make in the file, with what `.env()`, `.defaults()` and `.file()` give them. */
function stores(root: Node, modules: Set<string>): Map<string, Store> {
  const names = new Set(modules);
  for (const d of root.descendantsOfType('variable_declarator')) {
    const [name, value] = [d?.childForFieldName('name'), d?.childForFieldName('value')];
    const made = value?.type === 'new_expression' ? value.childForFieldName('constructor')?.text : undefined;
    if (name?.type === 'identifier' && made && modules.has(made.split('.')[0] ?? '') && made.endsWith('.Provider')) names.add(name.text);
  }
  const found = new Map<string, Store>();
  for (const call of root.descendantsOfType('call_expression')) {
    const method = call && methodCall(call)?.method;
    const store = call && storeOf(call);
    if (!call || !method || !store || !names.has(store)) continue;
    const [first] = callArguments(call);
    if (method === 'env') {
      const options = first?.type === 'object' ? properties(first) : [];
      const option = options.find((o) => o.name === 'separator')?.value;
      const written = first && first.type !== 'object' ? first : option;
      const entry: Store = found.get(store) ?? { defaults: new Map(), files: false };
      entry.separator = written ? plainString(written, STRINGS) : undefined;
      const listed = options.find((o) => o.name === 'whitelist')?.value;
      const only = listed?.type === 'array' ? listed.namedChildren.map((n) => (n ? plainString(n, STRINGS) : undefined)) : undefined;
      entry.only = only?.every((n) => n !== undefined) ? new Set(only.map((n) => (n ?? '').toLowerCase())) : undefined;
      found.set(store, entry);
    }
  }
  for (const call of root.descendantsOfType('call_expression')) {
    const method = call && methodCall(call)?.method;
    const store = call && found.get(storeOf(call) ?? '');
    const [first] = call ? callArguments(call) : [];
    if (store && method === 'defaults' && first?.type === 'object') flattened(first, '', store.defaults);
    if (store && method === 'file') store.files = true;
  }
  return found;
}

/**
 * nconf's `get('PORT')` of a store that takes the environment (`nconf.env()`, `.env({ separator: '__' })`, `.env('__')`; of its `whitelist`
 * only): a read of the variable, `get('db:host')` of `db__host` under that separator (none without one). `.defaults({…})` gives the default;
 * where the store also reads files (`.file(…)`) a key without one falls back to them (no value shown); else what is written around
 * the call decides, and nothing means none. A store set up in another file is not followed.
 */
export function nconfSites(root: Node, around: (expression: Node) => SiteFallback | undefined): ReadSite[] {
  if (!root.text.includes(MODULE)) return [];
  const found = stores(root, moduleNames(root));
  if (found.size === 0) return [];
  return root.descendantsOfType('call_expression').flatMap((call): ReadSite[] => {
    const store = call && methodCall(call)?.method === 'get' ? found.get(storeOf(call) ?? '') : undefined;
    const key = call ? callArguments(call)[0] : undefined;
    const path = key && plainString(key, STRINGS);
    if (!call || !store || !key || !path || (path.includes(':') && !store.separator)) return [];
    const name = path.split(':').join(store.separator ?? '');
    if (store.only && !store.only.has(name.toLowerCase())) return [];
    const given = store.defaults.get(path);
    const fallback: SiteFallback = given ? { kind: 'default', node: given } : store.files ? { kind: 'default' } : (around(call) ?? NONE);
    return [{ key, name, via: VIA, fallback }];
  });
}
