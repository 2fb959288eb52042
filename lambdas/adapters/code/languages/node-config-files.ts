import { parseDocument, visit } from 'yaml';
import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey } from '../../../core/keys';
import { jsonWithoutComments } from '../../../core/sources/json-comments';
import { parseUntangled } from '../../../core/sources/yaml-collection-keys';

// node-config's files: config/default.json (or .yml), what `config.get('db.host')` returns where nothing overrides it, and
// config/{NODE_ENV}.json over it (not the variables' mapping, nor local*.json: a developer's own, kept out of git).
const CONFIG_FILE = /(?:^|\/)config\/(?!custom-environment-variables\.|local[.-])[^/.]+\.(?:json|ya?ml)$/;
const ENVIRONMENT_FILE = /(?:^|\/)config\/([^/.]+)\.(?:json|ya?ml)$/;

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
    doc = file.endsWith('.json') ? JSON.parse(jsonWithoutComments(body)) : parseUntangled(body, { maxAliasCount: 100 });
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

/** node-config's files (config/default and one per NODE_ENV), for the `config.get` reads of the project that holds its config/ folder. */
export const NODE_CONFIG_FILES = {
  framework: 'node-config',
  names: CONFIG_FILE,
  hostEnvironments: {
    of: (file: string) => {
      const name = ENVIRONMENT_FILE.exec(file)?.[1];
      return name === 'default' ? undefined : name;
    },
    // NODE_ENV's own default.
    unnamed: 'development',
    // NODE_CONFIG_ENV, where set, over NODE_ENV.
    variables: ['node.config.env', 'node.env'],
  },
  defaults: nodeConfigDefaults,
} as const;

// The file that names, per configuration path, the environment variable node-config takes it from.
export const MAPPING_FILE = /(?:^|\/)config\/custom-environment-variables\.(?:json|ya?ml)$/;

/** One variable config/custom-environment-variables maps a path to, and where its name is written (1-based). */
export interface NodeConfigVariable {
  readonly path: string;
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/** `"DB_HOST"` or `{ "__name": "DB_PORT", "__format": "number" }` at each path. */
function variables(value: unknown, path: string, out: Array<{ path: string; name: string }>): void {
  if (typeof value === 'string') {
    if (path !== '') out.push({ path, name: value });
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const record = value as Record<string, unknown>;
  if (typeof record.__name === 'string') {
    out.push({ path, name: record.__name });
    return;
  }
  for (const [name, inner] of Object.entries(record)) variables(inner, path ? `${path}.${name}` : name, out);
}

/**
 * The string values of a mapping file (never its keys, nor its comments), in document order, each at the
 * offset of its text: where a variable's name is written as the name a path is taken from.
 */
function valueOffsets(body: string, json: boolean): Array<{ value: string; offset: number }> {
  const out: Array<{ value: string; offset: number }> = [];
  if (json) {
    // Each string in turn (comments are blanks by now); a key is the one followed by `:`.
    const plain = jsonWithoutComments(body);
    const colon = /\s*:/y;
    for (const m of plain.matchAll(/"(?:[^"\\]|\\.)*"/g)) {
      colon.lastIndex = m.index + m[0].length;
      if (!colon.test(plain)) out.push({ value: JSON.parse(m[0]) as string, offset: m.index + 1 });
    }
    return out;
  }
  visit(parseDocument(body), {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      out.push({ value: node.value, offset: node.range[0] + (quoted ? 1 : 0) });
    },
  });
  return out;
}

/** The variables a mapping file reads, each where it is written as the value of its path; none when it does not parse. */
export function nodeConfigVariables(text: string, file: string): NodeConfigVariable[] {
  const body = text.replace(/^\uFEFF/, '');
  const json = file.endsWith('.json');
  let doc: unknown;
  try {
    doc = json ? JSON.parse(jsonWithoutComments(body)) : parseUntangled(body, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  const found: Array<{ path: string; name: string }> = [];
  variables(doc, '', found);
  const values = valueOffsets(body, json);
  let from = 0;
  return found.map(({ path, name }) => {
    // The next value that is the name, in document order, as the variables were found.
    const at = values.findIndex((v, i) => i >= from && v.value === name);
    if (at >= 0) from = at + 1;
    const offset = at < 0 ? 0 : (values[at] as { offset: number }).offset;
    const before = body.slice(0, offset);
    return { path, name, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  });
}
