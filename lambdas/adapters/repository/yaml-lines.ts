import type { Node, Pair } from 'yaml';
import { yamlPackage, isMap, isSeq, isScalar, isPair } from '../../core/on-demand/yaml-package';
import { yamlNestingOverAt, yamlNodesOver } from '../../core/sources/yaml-budget';

/** A YAML (or JSON) file parsed with positions: its documents' roots and a way to turn offsets into lines. */
export interface YamlLines {
  roots: Node[];
  lineOf(node: Node | Pair): number | undefined;
}

/** A step down a document: a mapping key, a sequence index, or the sequence item whose `name` is this. */
export type Step = string | number | { name: string };

/** Parses every document of a file (JSON is read as YAML); undefined when it does not parse. */
export function yamlLines(text: string): YamlLines | undefined {
  // Lines are a help (SARIF regions): a file too big for the package has none, rather than exhausting memory.
  if (yamlNodesOver(text) || yamlNestingOverAt(text) !== undefined) return undefined;
  const counter = new (yamlPackage().LineCounter)();
  const docs = yamlPackage().parseAllDocuments(text.replace(/^\uFEFF/, ''), {
    lineCounter: counter,
    uniqueKeys: false,
    prettyErrors: false,
  });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  const roots = docs.flatMap((d) => (d.contents ? [d.contents as Node] : []));
  const lineOf = (n: Node | Pair): number | undefined => {
    const start = isPair(n) ? (n.key as Node | null)?.range?.[0] : n.range?.[0];
    return start === undefined ? undefined : counter.linePos(start).line;
  };
  return { roots, lineOf };
}

/** The text of a scalar key or value. */
export const scalarOf = (n: unknown): string | undefined =>
  isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined;

/** The entry of a mapping at `key` (the last one, as a parser keeps it). */
export function entry(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  let found: Pair | undefined;
  for (const pair of node.items) if (scalarOf(pair.key) === key) found = pair as Pair;
  return found;
}

/** The line of the node at `path` under `node`: of its key for a mapping entry, of the item for a sequence. */
export function lineAt(y: YamlLines, node: unknown, path: readonly Step[]): number | undefined {
  let current: unknown = node;
  let line: number | undefined;
  for (const step of path) {
    if (typeof step === 'string') {
      const pair = entry(current, step);
      if (!pair) return undefined;
      line = y.lineOf(pair);
      current = pair.value;
    } else {
      if (!isSeq(current)) return undefined;
      const items = current.items as unknown[];
      const item =
        typeof step === 'number' ? items[step] : [...items].reverse().find((i) => scalarOf(entry(i, 'name')?.value) === step.name);
      if (!item) return undefined;
      line = isScalar(item) || isMap(item) || isSeq(item) ? y.lineOf(item) : undefined;
      current = item;
    }
  }
  return line;
}

/**
 * The line of a flattened key path (`database.pool_size`) in a mapping: keys may hold dots
 * themselves, so each mapping key that the path starts with is tried.
 */
export function dottedLine(y: YamlLines, node: unknown, dotted: string): number | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of [...node.items].reverse()) {
    const key = scalarOf(pair.key);
    if (key === undefined) continue;
    if (key === dotted) return y.lineOf(pair as Pair);
    if (dotted.startsWith(`${key}.`)) {
      const inner = dottedLine(y, pair.value, dotted.slice(key.length + 1));
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}
