import type { Document } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, yamlPackage } from '../on-demand/yaml-package';
import { isRecord } from './shape';

/**
 * Where a manifest's env entry keeps the name of the variable whose value its own `value` is an alias
 * of (`value: *token` of `- name: API_TOKEN` / `value: &token …`): a reference, as `$(API_TOKEN)` is,
 * so the env reader holds it as secret when that variable's name makes its value one.
 */
export const ENV_ALIAS_OF = Symbol('the env variable whose value this entry repeats through a YAML alias');

/** The `name` of an env entry whose `value` the path ends at (the path's last two nodes: the entry, its `value` pair). */
function envEntryName(path: readonly unknown[]): string | undefined {
  const pair = path[path.length - 1];
  const entry = path[path.length - 2];
  if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'value' || !isMap(entry)) return undefined;
  const name = entry.get('name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The object `toJS` built for the node at the end of `path` (Document first), found by the same keys and indexes. */
function builtAt(js: unknown, path: readonly unknown[]): unknown {
  let at = js;
  for (let i = 1; i < path.length && at !== undefined; i++) {
    const node = path[i];
    if (isPair(node)) at = isRecord(at) && isScalar(node.key) ? at[String(node.key.value)] : undefined;
    else if (isSeq(node)) at = Array.isArray(at) ? at[node.items.indexOf(path[i + 1] as never)] : undefined;
  }
  return at;
}

/**
 * Notes, on each env entry of the document (as `toJS` built it) whose value is an alias of another
 * entry's value, that entry's variable name. Only documents the fast reader gave up on reach here: it
 * reads no alias.
 */
export function noteEnvAliases(doc: Document, js: unknown): void {
  const anchors = new Map<string, string>();
  yamlPackage().visit(doc, {
    Node(key, node, path) {
      if (key !== 'value') return;
      if (node.anchor && isScalar(node)) {
        const name = envEntryName(path);
        if (name) anchors.set(node.anchor, name);
        else anchors.delete(node.anchor);
      }
      if (!isAlias(node)) return;
      const of = anchors.get(node.source);
      const entry = of === undefined || envEntryName(path) === undefined ? undefined : builtAt(js, path.slice(0, -1));
      if (isRecord(entry)) Object.defineProperty(entry, ENV_ALIAS_OF, { value: of });
    },
  });
}
