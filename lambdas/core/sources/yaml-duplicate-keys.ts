import type * as Yaml from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from '../on-demand/yaml-package';
import { keyName } from './yaml-scalars';

/** A key a YAML mapping writes more than once: its key path as written, and the lines of each time. */
export interface DuplicateKey {
  spelt: string;
  lines: number[];
  /** Where the last time it is written starts (an offset into the text). */
  offset: number;
}

interface Pending {
  node: unknown;
  path: string;
}

/** A `<<` merge key (the package reads it as a symbol): merging twice is a merge, not a key written twice. */
const isMergeKey = (key: unknown): boolean => isScalar(key) && typeof key.value === 'symbol';

const under = (path: string, part: string): string => (path === '' ? part : `${path}.${part}`);

/**
 * The keys a parsed YAML document writes twice or more in one mapping, as the package's `uniqueKeys`
 * would refuse them (scalar keys of one value: `1` and `0x1` are one key, `1` and `"1"` two), in
 * document order. Each mapping keeps its own set of keys, so a document of n keys is read in O(n)
 * (the package's own check compares each key with all those before it). Aliases are not followed:
 * what they reach is checked where their anchor is.
 */
export function yamlDuplicateKeys(doc: Yaml.Document.Parsed, lineOf: (offset: number) => number): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Pending[] = [{ node: doc.contents, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as Pending;
    if (isAlias(node) || !(isMap(node) || isSeq(node))) continue;
    const next: Pending[] = [];
    if (isSeq(node)) {
      node.items.forEach((item, i) => next.push({ node: item, path: `${path}[${i}]` }));
    } else {
      // Each key's offsets; lines are counted only for a key written again (`lineOf` may cost a scan of the text).
      const seen = new Map<unknown, { spelt: string; offsets: number[] }>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (!isScalar(key) || isMergeKey(key)) {
          next.push({ node: pair.value, path });
          continue;
        }
        const spelt = under(path, keyName(key.value));
        const offset = key.range?.[0] ?? 0;
        const before = seen.get(key.value);
        if (before) before.offsets.push(offset);
        else seen.set(key.value, { spelt, offsets: [offset] });
        next.push({ node: pair.value, path: spelt });
      }
      for (const { spelt, offsets } of seen.values())
        if (offsets.length > 1) found.push({ spelt, lines: offsets.map(lineOf), offset: offsets[offsets.length - 1] as number });
    }
    // Pushed in reverse so that mappings are taken in document order.
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Pending);
  }
  // A mapping's repeats are known at its end, after those of mappings it holds: by the line each is read at.
  return found.sort((a, b) => (a.lines[a.lines.length - 1] as number) - (b.lines[b.lines.length - 1] as number));
}

/** The key written twice and its lines, as `db.timeout is written twice (first on line 2)` (never a value). */
export function repeatedKeyWords({ spelt, lines }: DuplicateKey): string {
  const times = lines.length === 2 ? 'twice' : `${lines.length} times`;
  const earlier = lines.length === 2 ? `first on line ${lines[0]}` : `first on line ${lines[0]}, again on ${lines.slice(1, -1).join(', ')}`;
  return `${spelt} is written ${times} (${earlier})`;
}

/** What a key written twice means, naming the key and its lines (never a value). */
export function duplicateKeyMessage(file: string, repeat: DuplicateKey): string {
  const last = repeat.lines[repeat.lines.length - 1] as number;
  return `${file}: line ${last}: ${repeatedKeyWords(repeat)}; YAML requires unique keys and most loaders refuse the file`;
}
