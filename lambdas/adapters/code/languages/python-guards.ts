import type { Node } from 'web-tree-sitter';
import type { FlowDialect, SameKey } from '../read-flow';
import { NONE, type SiteFallback } from '../read-sites';
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
export function readKey(node: Node, os: OsNames): string | undefined {
  if (node.type === 'subscript' && names(node.childForFieldName('value'), 'environ', os)) return keyOf(node.childForFieldName('subscript'));
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  const getter =
    names(fn, 'getenv', os) ||
    (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && names(fn.childForFieldName('object'), 'environ', os));
  return getter ? keyOf(node.childForFieldName('arguments')?.namedChildren[0]) : undefined;
}

/** The key a condition tests the presence of, and how: `'X' in os.environ` (set) / `'X' not in os.environ` (empty). */
export function presenceTest(node: Node, os: OsNames): { key: string; test: 'set' | 'empty' } | undefined {
  if (node.type !== 'comparison_operator' || node.namedChildren.length !== 2) return undefined;
  const [left, right] = node.namedChildren;
  const op = operatorOf(node);
  const key = keyOf(left);
  if (key === undefined || !names(right, 'environ', os) || (op !== 'in' && op !== 'not in')) return undefined;
  return { key, test: op === 'in' ? 'set' : 'empty' };
}

/** How a condition tests `key` in other spellings: its other reads, and its presence tests (presenceTest). */
export function sameKey(key: string, os: OsNames): SameKey {
  return {
    key,
    reads: (node) => readKey(node, os) === key,
    presence(node) {
      const tested = presenceTest(node, os);
      return tested?.key === key ? tested.test : undefined;
    },
  };
}

// What `os.environ['X']` raises when unset, and the classes above it.
const CATCHES = /^(KeyError|LookupError|Exception|BaseException)$/;
const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** Whether an except clause catches a missing key: a bare `except`, or one naming KeyError or a class above it. */
function catchesMissing(clause: Node): boolean {
  const value = clause.childForFieldName('value');
  if (value === null) return true;
  const caught = value.type === 'as_pattern' ? value.namedChildren[0] : value;
  return (caught?.descendantsOfType('identifier') ?? []).some((id) => id !== null && CATCHES.test(id.text));
}

/**
 * `try: x = os.environ['X'] except KeyError: x = 'd'`: the except clause that catches the missing key
 * decides. Its assignment or return is the default (`pass`: a default of no value); one that raises or exits leaves none.
 */
export function caught(read: Node, flow: FlowDialect): SiteFallback | undefined {
  for (let at = read; at.parent && !SCOPES.has(at.parent.type); at = at.parent) {
    const holder = at.parent;
    if (holder.type !== 'try_statement' || holder.childForFieldName('body')?.id !== at.id) continue;
    const clause = holder.namedChildren.find((c) => c?.type === 'except_clause' && catchesMissing(c));
    const handler = clause?.namedChildren.find((c) => c?.type === 'block');
    if (!handler) continue;
    const inside = handler.descendantsOfType(['raise_statement', 'call', 'expression_statement', 'return_statement']);
    if (inside.some((n) => n !== null && flow.fails(n))) return NONE;
    for (const n of inside) {
      const value = n && (flow.assignment(n)?.value ?? flow.returned(n)?.[0]);
      if (value) return { kind: 'default', node: value };
    }
    return { kind: 'default' };
  }
  return undefined;
}
