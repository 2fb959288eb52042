import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isSeq, isScalar } from '../on-demand/yaml-package';
import { canonicalKey } from '../keys';
import { applyEdit, columnAt, editableDocument, emptyValueAt, endOfLastLine, isEmptyNull, lastItemEnd, pairOf } from './yaml-edit-nodes';
import { fillEmpty, insertFlowPair, insertPair, renderBlock, renderFlow, setIn, type Leaf, type Tree } from './yaml-edit-tree';
import { assertOwnContainer, assertOwnEntry } from './own-entry';

/** Where the baseline sits in a file: under `baseline:` of the estate file, or the whole file `baseline: path` names. */
export type BaselinePlace = 'inline' | 'file';

function baselineMap(doc: Document, place: BaselinePlace): YAMLMap {
  const root = doc.contents;
  if (!isMap(root)) throw new Error('the document is not a map');
  if (place === 'file') return root;
  const base = pairOf(root, (n) => n === 'baseline')?.value;
  assertOwnContainer('baseline', base);
  if (!isMap(base)) throw new Error('the estate file has no baseline map');
  return base;
}

/**
 * Sets a key's expected value (`value`, or `values.<environment>`) in the source text of an estate or
 * baseline file, declaring the key when it is not. Only the text of that value changes (or one pair
 * is inserted, in the style of its neighbours): comments, order, quoting and layout stay as they are.
 */
export function setExpectedValue(
  source: string,
  place: BaselinePlace,
  key: string,
  environment: string | undefined,
  expected: Leaf,
): string {
  const doc = editableDocument(source);
  const base = baselineMap(doc, place);
  const field: Tree = environment === undefined ? { value: expected } : { values: { [environment]: expected } };
  const keysPair = pairOf(base, (n) => n === 'keys');
  if (!keysPair) return insertPair(source, base, 'keys', { [key]: field }, true);
  const keys = keysPair.value;
  if (isEmptyNull(keys)) return fillEmpty(source, keysPair, { [key]: field }, !base.flow);
  assertOwnContainer('baseline.keys', keys);
  if (!isMap(keys)) throw new Error('baseline.keys is not a map');
  const entry = pairOf(keys, (n) => canonicalKey(n) === key);
  if (!entry) return insertPair(source, keys, key, field);
  assertOwnEntry(doc, key, entry.value);
  const v = entry.value;
  if (isEmptyNull(v)) return fillEmpty(source, entry, field, false);
  if (isMap(v)) return setIn(source, v, environment === undefined ? ['value'] : ['values', environment], expected);
  if (!isScalar(v)) throw new Error(`baseline.keys.${key} is neither a map nor a value`);
  // The shorthand `key: 10s` is `{ value: 10s }`: keep it when the value itself changes, widen it otherwise.
  const [s, e] = v.range ?? [0, 0];
  const shorthand =
    environment === undefined
      ? renderFlow(expected)
      : `{ value: ${source.slice(s, e)}, values: ${renderFlow({ [environment]: expected })} }`;
  return applyEdit(source, { start: s, end: e, text: shorthand });
}

/** Column of the `-` that starts a block sequence item. */
const dashColumn = (source: string, item: Node): number => columnAt(source, source.lastIndexOf('-', item.range?.[0] ?? 0));

/** An exception as a block sequence item at `indent`. */
function blockItem(fields: Record<string, Tree>, indent: number, flow: boolean): string[] {
  const pad = ' '.repeat(indent);
  if (flow) return [`${pad}- ${renderFlow(fields)}`];
  const lines = Object.entries(fields).flatMap(([k, v]) => renderBlock(k, v, indent + 2, false));
  return lines.map((l, i) => (i === 0 ? `${pad}- ${l.trimStart()}` : l));
}

/**
 * Appends an exception to the baseline's `exceptions`, written like the ones already there (a flow
 * map per item, or a block map), or starts the list. Nothing else of the text changes.
 */
export function appendException(source: string, place: BaselinePlace, fields: Record<string, Tree>): string {
  const base = baselineMap(editableDocument(source), place);
  const pair = pairOf(base, (n) => n === 'exceptions') as Pair<Node, Node | null> | undefined;
  const baseIndent = base.items.length ? columnAt(source, (base.items[0] as Pair<Node, Node>).key.range?.[0] ?? 0) : 0;
  if (!pair || isEmptyNull(pair.value)) {
    // A baseline written as one flow map (`baseline: { keys: {…} }`) takes the list in flow style: block lines would end it.
    if (base.flow) {
      const list = `[${renderFlow(fields)}]`;
      if (pair) {
        const at = emptyValueAt(pair);
        return applyEdit(source, { start: at, end: at, text: source[at - 1] === ' ' ? list : ` ${list}` });
      }
      return insertFlowPair(source, base, `exceptions: ${list}`);
    }
    const lines = blockItem(fields, baseIndent + 2, true);
    if (!pair) {
      const at = endOfLastLine(source, lastItemEnd(base));
      return applyEdit(source, { start: at, end: at, text: `\n${' '.repeat(baseIndent)}exceptions:\n${lines.join('\n')}` });
    }
    const at = emptyValueAt(pair);
    return applyEdit(source, { start: at, end: at, text: `\n${lines.join('\n')}` });
  }
  const seq = pair.value;
  assertOwnContainer('baseline.exceptions', seq);
  if (!isSeq(seq)) throw new Error('baseline.exceptions is not a list');
  const item = renderFlow(fields);
  if (seq.flow) {
    const [s, e] = seq.range ?? [0, 0];
    if (!seq.items.length) return applyEdit(source, { start: s, end: source.lastIndexOf(']', e) + 1, text: `[${item}]` });
    return applyEdit(source, { start: lastItemEnd(seq), end: lastItemEnd(seq), text: `, ${item}` });
  }
  const first = (seq as YAMLSeq<Node>).items[0] as Node;
  const flowItems = !isMap(first) || Boolean(first.flow);
  const lines = blockItem(fields, dashColumn(source, first), flowItems);
  const at = endOfLastLine(source, lastItemEnd(seq));
  return applyEdit(source, { start: at, end: at, text: `\n${lines.join('\n')}` });
}

/** Declares `key` with an empty entry (`key: {}`) when the baseline does not declare it yet; otherwise the text is returned as it is. */
export function declareKey(source: string, place: BaselinePlace, key: string): string {
  const base = baselineMap(editableDocument(source), place);
  const keysPair = pairOf(base, (n) => n === 'keys');
  if (!keysPair) return insertPair(source, base, 'keys', { [key]: {} }, true);
  const keys = keysPair.value;
  if (isEmptyNull(keys)) return fillEmpty(source, keysPair, { [key]: {} }, !base.flow);
  assertOwnContainer('baseline.keys', keys);
  if (!isMap(keys)) throw new Error('baseline.keys is not a map');
  return pairOf(keys, (n) => canonicalKey(n) === key) ? source : insertPair(source, keys, key, {});
}

/** The entry of a declared key that is a map (`{ type: …, max: … }` or a block map). */
function keyMap(source: string, place: BaselinePlace, key: string): YAMLMap {
  const doc = editableDocument(source);
  const keys = pairOf(baselineMap(doc, place), (n) => n === 'keys')?.value;
  assertOwnContainer('baseline.keys', keys);
  const entry = isMap(keys) ? pairOf(keys, (n) => canonicalKey(n) === key)?.value : undefined;
  assertOwnEntry(doc, key, entry);
  if (!isMap(entry)) throw new Error(`baseline.keys.${key} declares no constraints`);
  return entry;
}

/** Sets one field of a declared key's entry (`max`, `min`), keeping every other line. */
export const setKeyField = (source: string, place: BaselinePlace, key: string, field: string, text: string): string =>
  setIn(source, keyMap(source, place, key), [field], text);

/** Appends an option to a declared key's `enum` list, written like the list (flow or block). */
export function appendEnumOption(source: string, place: BaselinePlace, key: string, text: string): string {
  const list = pairOf(keyMap(source, place, key), (n) => n === 'enum')?.value;
  if (!isSeq(list) || !list.items.length) throw new Error(`baseline.keys.${key}.enum is not a list`);
  const at = lastItemEnd(list);
  if (list.flow) return applyEdit(source, { start: at, end: at, text: `, ${renderFlow(text)}` });
  const first = list.items[0] as Node;
  const line = endOfLastLine(source, at);
  return applyEdit(source, { start: line, end: line, text: `\n${' '.repeat(dashColumn(source, first))}- ${renderFlow(text)}` });
}

/**
 * The text without the comment that follows a declared key's entry on its line, when `stale` says
 * that comment no longer holds; otherwise the text as it is.
 */
export function dropEntryComment(source: string, place: BaselinePlace, key: string, stale: (comment: string) => boolean): string {
  const keys = pairOf(baselineMap(editableDocument(source), place), (n) => n === 'keys')?.value;
  const end = isMap(keys) ? pairOf(keys, (n) => canonicalKey(n) === key)?.value?.range?.[1] : undefined;
  if (end === undefined) return source;
  const lineEnd = /\r?\n|$/.exec(source.slice(end))!.index + end;
  const comment = /^[ \t]+#[ \t]?(.*)$/.exec(source.slice(end, lineEnd));
  return comment && stale(comment[1]!) ? applyEdit(source, { start: end, end: lineEnd, text: '' }) : source;
}
