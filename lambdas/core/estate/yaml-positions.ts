import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isSeq, isScalar } from '../on-demand/yaml-package';
import type { Position } from './model';

export type Path = ReadonlyArray<string | number | symbol>;

/** A parsed YAML document and what is needed to point into it. */
export interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
}

const keyText = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));

/**
 * The pair of `map` whose key is `key`: its own, else one a `<<` merge brings in (MERGE_KEYS), where
 * it is written, in the order a merge gives precedence (the map's own keys, then the merged maps in turn).
 */
function pairOf(map: YAMLMap, key: string, doc: Document, depth = 0): Pair | undefined {
  const own = map.items.find((p) => keyText(p.key) === key);
  if (own || depth > MAX_MERGE_DEPTH) return own;
  // The package reads a merge key's value as a symbol (`Symbol(<<)`); its source text is `<<`.
  for (const merge of map.items.filter((p) => isScalar(p.key) && (p.key.source ?? p.key.value) === '<<')) {
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      const merged = isAlias(source) ? source.resolve(doc) : source;
      const found = isMap(merged) ? pairOf(merged, key, doc, depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

// Merges of merges deeper than this are not followed: the position falls back to the merging map.
const MAX_MERGE_DEPTH = 16;

/** The child of `node` that `seg` names: a mapping's value (its own or merged in) with its pair, or a sequence's item. */
function child(y: YamlFile, node: unknown, seg: Path[number]): { pair?: Pair; next: unknown } {
  if (isMap(node)) {
    const pair = pairOf(node, String(seg), y.doc);
    return { pair, next: pair?.value };
  }
  return { next: isSeq(node) && typeof seg === 'number' ? node.items[seg] : undefined };
}

const STRING_TAG = 'tag:yaml.org,2002:str';

/**
 * Whether the value at `path` is written bare, through an alias to one too: a plain (unquoted)
 * scalar without the `!!str` tag, which makes `!!str 1.10` the text a quoted `"1.10"` is.
 */
export function bareScalarAt(y: YamlFile, path: Path): boolean {
  let node: unknown = y.doc.contents;
  for (const seg of path) node = child(y, node, seg).next;
  if (isAlias(node)) node = node.resolve(y.doc);
  return isScalar(node) && node.type === 'PLAIN' && node.tag !== STRING_TAG;
}

/**
 * The position of the node at `path`, or of the key `keyOf` inside it; where the path leaves the
 * document (a field that is missing), the position of the deepest node that exists.
 */
export function positionAt(y: YamlFile, path: Path, keyOf?: string): Position {
  let node: unknown = y.doc.contents;
  let at = (node as Node | null)?.range?.[0] ?? 0;
  const segments = keyOf === undefined ? path : [...path, keyOf];
  for (let i = 0; i < segments.length; i++) {
    const { pair, next } = child(y, node, segments[i] as Path[number]);
    if (pair && keyOf !== undefined && i === segments.length - 1) {
      at = (pair.key as Node).range?.[0] ?? at;
      break;
    }
    const range = (next as Node | undefined)?.range;
    if (!range) break;
    node = next;
    at = range[0];
  }
  const { line, col } = y.lines.linePos(at);
  return { file: y.file, line, column: col };
}

/** `environments.staging.sources[0].ssm`: how error messages name a place. */
export function describePath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

export const formatPosition = (p: Position): string => `${p.file}:${p.line}:${p.column}`;

/** The position of every key of the mapping at `path`, in one pass (a baseline may declare 100,000 keys). */
export function keyPositions(y: YamlFile, path: Path): Map<string, Position> {
  const out = new Map<string, Position>();
  let node: unknown = y.doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => keyText(p.key) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return out;
  }
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    const start = (pair.key as Node | undefined)?.range?.[0];
    if (start === undefined) continue;
    const { line, col } = y.lines.linePos(start);
    out.set(keyText(pair.key), { file: y.file, line, column: col });
  }
  return out;
}
