import type { Node, Pair, YAMLMap } from 'yaml';
import { yamlPackage, isMap, isSeq, isScalar } from '../on-demand/yaml-package';
import { InitRefused } from './init-refused';
import { pairOf, usesCrlf } from '../estate/yaml-edit-nodes';

/** What init inserts: the rendered blocks, each ending with a newline. */
export interface InitBlocks {
  baseline: string;
  /** Empty when the file declares parity groups already. */
  parity: string;
}

const isEmpty = (n: Node | null | undefined): boolean =>
  n === null ||
  n === undefined ||
  (isScalar(n) && (n.value === null || n.value === '')) ||
  ((isMap(n) || isSeq(n)) && n.items.length === 0);

const pairNamed = (map: YAMLMap, name: string): Pair<Node, Node | null> | undefined => pairOf(map, (n) => n === name);

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Where the comment lines right above the line at `at` begin: they belong to that line's entry. */
function commentsAbove(text: string, at: number): number {
  let start = at;
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    if (!text.slice(prev, start).trimStart().startsWith('#')) break;
    start = prev;
  }
  return start;
}

/** Replaces an empty `name:` (null or `{}`) line with `block`. */
function replaceEmptyPair(text: string, pair: Pair<Node, Node | null>, block: string): string {
  const keyStart = (pair.key as Node).range![0];
  const valueEnd = pair.value?.range ? pair.value.range[1] : (pair.key as Node).range![1];
  const end = lineEnd(text, Math.max(valueEnd - 1, keyStart));
  return text.slice(0, lineStart(text, keyStart)) + block + text.slice(end);
}

/** Adds `keys:` (block) to a block `baseline:` map that has none, or fills its empty `keys:`. */
function fillBaselineMap(text: string, map: YAMLMap, baselineBlock: string): string {
  const keysPair = pairNamed(map, 'keys');
  if (keysPair && !isEmpty(keysPair.value))
    throw new InitRefused('the baseline already declares keys; init writes a first baseline only (edit it, or use drift adopt)');
  if (map.flow)
    throw new InitRefused('the baseline is written in flow style ({ … }); give it as a block, or remove it, and run init again');
  const first = map.items[0] as Pair<Node, Node | null>;
  const firstStart = (first.key as Node).range![0];
  const indent = ' '.repeat(firstStart - lineStart(text, firstStart));
  // The rendered block's `keys:` section, re-indented to the map's own indentation.
  const keysBlock = baselineBlock
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => indent + l.slice(2))
    .join('\n');
  if (keysPair) return replaceEmptyPair(text, keysPair, `${keysBlock}\n`);
  // Above the first entry's own comments, so they stay with it.
  const at = commentsAbove(text, lineStart(text, firstStart));
  return `${text.slice(0, at)}${keysBlock}\n${text.slice(at)}`;
}

/**
 * Writes the baseline (and parity groups, when given) into an estate file's text, leaving every
 * other byte as it was: an absent `baseline:` is appended; an empty one (or a block one without
 * keys) is filled in place. A baseline that declares keys, or lives in another file, is refused.
 */
export function insertBaseline(text: string, blocks: InitBlocks): string {
  // A file saved with CRLF (Windows) gets CRLF in what is inserted too, not lines of both kinds.
  if (usesCrlf(text)) return insertLf(text.replace(/\r\n/g, '\n'), blocks).replace(/\n/g, '\r\n');
  return insertLf(text, blocks);
}

function insertLf(text: string, blocks: InitBlocks): string {
  const doc = yamlPackage().parseDocument(text, { keepSourceTokens: false });
  const root = doc.contents;
  if (!isMap(root) || root.flow) throw new InitRefused('init writes into a block-style estate file (one `key: value` per line)');
  let out = text;
  const baseline = pairNamed(root, 'baseline');
  const parity = pairNamed(root, 'parity');
  if (baseline && isScalar(baseline.value) && typeof baseline.value.value === 'string' && baseline.value.value !== '') {
    throw new InitRefused(`the baseline is in another file (${baseline.value.value}); init writes an inline baseline only`);
  }
  const appended: string[] = [];
  // Edits from the end of the file backwards, so earlier offsets stay valid.
  const edits: Array<{ at: number; apply: (t: string) => string }> = [];
  if (baseline && isEmpty(baseline.value))
    edits.push({ at: (baseline.key as Node).range![0], apply: (t) => replaceEmptyPair(t, baseline, blocks.baseline) });
  else if (baseline && isMap(baseline.value)) {
    const map = baseline.value;
    edits.push({ at: (baseline.key as Node).range![0], apply: (t) => fillBaselineMap(t, map, blocks.baseline) });
  } else if (!baseline) appended.push(blocks.baseline);
  if (blocks.parity) {
    if (parity && isEmpty(parity.value))
      edits.push({ at: (parity.key as Node).range![0], apply: (t) => replaceEmptyPair(t, parity, blocks.parity) });
    else if (!parity) appended.unshift(blocks.parity);
  }
  for (const e of edits.sort((a, b) => b.at - a.at)) out = e.apply(out);
  if (!appended.length) return out;
  const sep = out.length === 0 ? '' : out.endsWith('\n\n') ? '' : out.endsWith('\n') ? '\n' : '\n\n';
  return out + sep + appended.join('\n');
}
