import { parse } from 'yaml';
import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey } from '../../../core/keys';
import { jsonWithoutComments } from '../../../core/sources/json-comments';

// node-config's own file (config/default.json or .yml): what `config.get('db.host')` returns where nothing overrides it.
const DEFAULT_FILE = /(?:^|\/)config\/default\.(?:json|ya?ml)$/;

/** The leaves of a configuration document by dotted path, as `config.get` names them; a null sets nothing. */
function leaves(value: unknown, path: string, out: Map<string, string>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) leaves(inner, path ? `${path}.${name}` : name, out);
    return;
  }
  out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
}

/** What a node-config read falls back to when nothing overrides its path: config/default's value, by canonical key. A file that does not parse sets nothing. */
function nodeConfigDefaults(text: string, file: string): ReadonlyMap<string, ReadFallback> {
  let doc: unknown;
  try {
    const body = text.replace(/^\uFEFF/, '');
    // As node-config reads them: JSON with comments, or YAML.
    doc = file.endsWith('.json') ? JSON.parse(jsonWithoutComments(body)) : parse(body, { maxAliasCount: 100 });
  } catch {
    return new Map();
  }
  const set = new Map<string, string>();
  leaves(doc, '', set);
  const defaults = new Map<string, ReadFallback>();
  for (const [path, value] of set) {
    const key = canonicalKey(path);
    if (key !== '') defaults.set(key, { kind: 'default', value });
  }
  return defaults;
}

/** node-config's defaults file, for the `config.get` reads of the project that holds its config/ folder. */
export const NODE_CONFIG_FILES = { framework: 'node-config', names: DEFAULT_FILE, defaults: nodeConfigDefaults } as const;
