import type * as Yaml from 'yaml';
import { isAlias, isPair, isScalar, isSeq, yamlPackage } from '../on-demand/yaml-package';
import { keyName } from './yaml-scalars';

/**
 * Where a YAML alias is and where its anchor is, as the key paths of their leaves (joined with `.`,
 * as a configuration file's leaves are spelt): what the alias reaches is what the anchor holds.
 */
export interface AliasLink {
  anchor: string;
  alias: string;
}

/** A `<<` merge key (the package reads it as a symbol; a quoted "<<" is a key like any other). */
const isMergeKey = (key: unknown): boolean => isScalar(key) && typeof key.value === 'symbol';

/** A node's key path from its ancestors: a merge adds no key of its own, and a list is one leaf, its holder's. */
function keyPath(ancestors: readonly unknown[]): string {
  const keys: string[] = [];
  let merging = false;
  for (const node of ancestors) {
    if (isPair(node)) {
      merging = isMergeKey(node.key);
      if (!merging) keys.push(keyName(isScalar(node.key) ? node.key.value : node.key));
    } else if (isSeq(node) && !merging) break;
  }
  return keys.join('.');
}

/** Every alias of a parsed document with its anchor's place, in document order (an anchor defined again holds from there on). */
export function yamlAliasLinks(doc: Yaml.Document.Parsed): AliasLink[] {
  const links: AliasLink[] = [];
  const anchors = new Map<string, string>();
  yamlPackage().visit(doc, {
    Node(key, node, path) {
      if (key === 'key') return;
      if (node.anchor) anchors.set(node.anchor, keyPath(path));
      if (!isAlias(node)) return;
      const anchor = anchors.get(node.source);
      if (anchor !== undefined) links.push({ anchor, alias: keyPath(path) });
    },
  });
  return links;
}
