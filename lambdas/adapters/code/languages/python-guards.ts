import type { Node } from 'web-tree-sitter';
import type { SameKey } from '../read-flow';
import { operatorOf, plainString } from '../syntax';

/** The names a file gives `os` (`import os as o`) and the readers it imports from it, by local name (`from os import environ as env`). */
export interface OsNames {
  readonly modules: ReadonlySet<string>;
  readonly imported: ReadonlyMap<string, string>;
}

/** Whether a node names `os.environ` or `os.getenv` (`reader`), as the file spells it. */
function names(node: Node | null | undefined, reader: string, os: OsNames): boolean {
  if (node?.type === 'identifier') return os.imported.get(node.text) === reader;
  return (
    node?.type === 'attribute' &&
    node.childForFieldName('attribute')?.text === reader &&
    os.modules.has(node.childForFieldName('object')?.text ?? '')
  );
}

const keyOf = (node: Node | null | undefined): string | undefined => (node ? plainString(node, ['string']) : undefined);

/** The key a node reads the value of: `os.environ['X']`, `os.environ.get('X')`, `os.getenv('X')`. */
function readKey(node: Node, os: OsNames): string | undefined {
  if (node.type === 'subscript' && names(node.childForFieldName('value'), 'environ', os)) return keyOf(node.childForFieldName('subscript'));
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  const getter =
    names(fn, 'getenv', os) ||
    (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && names(fn.childForFieldName('object'), 'environ', os));
  return getter ? keyOf(node.childForFieldName('arguments')?.namedChildren[0]) : undefined;
}

/** How a condition tests `key` in other spellings: its other reads, and `'X' in os.environ` (set) / `'X' not in os.environ` (empty). */
export function sameKey(key: string, os: OsNames): SameKey {
  return {
    reads: (node) => readKey(node, os) === key,
    presence(node) {
      if (node.type !== 'comparison_operator' || node.namedChildren.length !== 2) return undefined;
      const [left, right] = node.namedChildren;
      const op = operatorOf(node);
      if (keyOf(left) !== key || !names(right, 'environ', os) || (op !== 'in' && op !== 'not in')) return undefined;
      return op === 'in' ? 'set' : 'empty';
    },
  };
}
