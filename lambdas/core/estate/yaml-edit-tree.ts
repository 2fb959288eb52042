import type { Node, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar } from '../on-demand/yaml-package';
import { applyEdit, columnAt, emptyValueAt, endOfLastLine, isEmptyNull, lastItemEnd, pairOf, yamlKey, yamlScalar } from './yaml-edit-nodes';

/**
 * A number written unquoted (`0.70`): the estate compares an unquoted number with a fraction as a
 * number (`0.7` meets it), where the same text quoted, as a plain string leaf is written, is text.
 */
export class UnquotedNumber {
  constructor(readonly text: string) {}
}

/** One value an edit writes: a text (rendered as a scalar that reads back the same), a bool, or an unquoted number. */
export type Leaf = string | boolean | UnquotedNumber;

/** What an edit writes: a leaf, or a map of them. */
export type Tree = Leaf | { [field: string]: Tree };

const isLeaf = (tree: Tree): tree is Leaf => typeof tree !== 'object' || tree instanceof UnquotedNumber;

/** A tree in flow style: `{ value: 10s, values: { production-us: 60s } }`. */
export function renderFlow(tree: Tree): string {
  if (typeof tree === 'boolean') return String(tree);
  if (typeof tree === 'string') return yamlScalar(tree);
  if (tree instanceof UnquotedNumber) return tree.text;
  const parts = Object.entries(tree).map(([k, v]) => `${yamlKey(k)}: ${renderFlow(v)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/** A pair in block style at `indent`; nested maps are written as block maps too when `block` says so. */
export function renderBlock(name: string, tree: Tree, indent: number, block: boolean): string[] {
  const pad = ' '.repeat(indent);
  if (isLeaf(tree) || !block) return [`${pad}${yamlKey(name)}: ${renderFlow(tree)}`];
  return [`${pad}${yamlKey(name)}:`, ...Object.entries(tree).flatMap(([k, v]) => renderBlock(k, v, indent + 2, false))];
}

/** `['values', 'prod']` and a text as the tree `{ values: { prod: text } }`. */
export const treeOf = (path: readonly string[], leaf: Tree): Tree => path.reduceRight<Tree>((inner, field) => ({ [field]: inner }), leaf);

/** The column the values of a block map line up at, when every one-line value starts at the same column. */
function alignedColumn(source: string, map: YAMLMap): number | undefined {
  const cols = new Set<number>();
  for (const p of map.items as Array<Pair<Node, Node | null>>) {
    const start = p.value?.range?.[0];
    if (start === undefined || isEmptyNull(p.value) || (isMap(p.value) && !p.value.flow)) continue;
    cols.add(columnAt(source, start));
  }
  return cols.size === 1 && map.items.length > 1 ? [...cols][0] : undefined;
}

/** True when most of a block map's values are block maps themselves (so a new entry is written the same way). */
const blockChildren = (map: YAMLMap): boolean => {
  const maps = (map.items as Array<Pair<Node, Node | null>>).filter((p) => isMap(p.value));
  return maps.length > 0 && maps.filter((p) => !(p.value as YAMLMap).flow).length * 2 > maps.length;
};

/**
 * Inserts `name: tree` as the last pair of `map`, in the map's own style, indentation and alignment;
 * `block` writes a nested map as a block map (default: as most of the map's values are written).
 */
export function insertPair(source: string, map: YAMLMap, name: string, tree: Tree, block = blockChildren(map)): string {
  const [start] = map.range ?? [0, 0];
  if (map.flow) return insertFlowPair(source, map, `${yamlKey(name)}: ${renderFlow(tree)}`);
  const first = (map.items[0] as Pair<Node, Node | null>).key;
  const indent = columnAt(source, first.range?.[0] ?? start);
  const lines = renderBlock(name, tree, indent, block);
  const align = alignedColumn(source, map);
  const firstLine = lines[0] as string;
  const colon = firstLine.indexOf(': ');
  if (align !== undefined && lines.length === 1 && colon >= 0 && colon + 2 < align)
    lines[0] = `${firstLine.slice(0, colon + 1)}${' '.repeat(align - colon - 1)}${firstLine.slice(colon + 2)}`;
  const at = endOfLastLine(source, lastItemEnd(map));
  return applyEdit(source, { start: at, end: at, text: `\n${lines.join('\n')}` });
}

/** Inserts a pair, written out (`name: value`), as the last of a flow map. */
export function insertFlowPair(source: string, map: YAMLMap, pair: string): string {
  const [start, end] = map.range ?? [0, 0];
  if (!map.items.length) return applyEdit(source, { start, end: source.lastIndexOf('}', end) + 1, text: `{ ${pair} }` });
  return applyEdit(source, { start: lastItemEnd(map), end: lastItemEnd(map), text: `, ${pair}` });
}

/** Writes `tree` as the value of a pair whose value is empty (`keys:`), one level deeper than the pair's key. */
export function fillEmpty(source: string, pair: Pair<Node, Node | null>, tree: Tree, block: boolean): string {
  const at = emptyValueAt(pair);
  if (isLeaf(tree) || !block) return applyEdit(source, { start: at, end: at, text: ` ${renderFlow(tree)}` });
  const indent = columnAt(source, pair.key.range?.[0] ?? 0) + 2;
  const lines = Object.entries(tree).flatMap(([k, v]) => renderBlock(k, v, indent, false));
  return applyEdit(source, { start: at, end: at, text: `\n${lines.join('\n')}` });
}

/**
 * Sets the scalar at `path` under `map` to `leaf`, creating what is missing: replaces exactly the
 * scalar's source range, or inserts one pair; nothing else of the text changes.
 */
export function setIn(source: string, map: YAMLMap, path: readonly string[], leaf: Leaf): string {
  const [field, ...rest] = path as [string, ...string[]];
  const pair = pairOf(map, (n) => n === field);
  if (!pair) return insertPair(source, map, field, treeOf(rest, leaf));
  const v = pair.value;
  if (isEmptyNull(v)) return fillEmpty(source, pair, treeOf(rest, leaf), !map.flow);
  if (!rest.length) {
    if (!isScalar(v)) throw new Error(`${field} is not a single value`);
    const [s, e] = v.range ?? [0, 0];
    return applyEdit(source, { start: s, end: e, text: renderFlow(leaf) });
  }
  if (!isMap(v)) throw new Error(`${field} is not a map`);
  return setIn(source, v, rest, leaf);
}
