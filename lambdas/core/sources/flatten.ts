import { SourceInputError } from './errors';
import { isRecord } from './shape';
import { plainData } from './yaml-tagged';

/** One leaf of a configuration document: its key path and its value as text. */
export interface FlatEntry {
  path: string[];
  value: string;
}

const tooDeep = (maxDepth: number): SourceInputError => new SourceInputError(`nesting is deeper than ${maxDepth} levels`);

/** Throws when an array holds collections nested deeper than `budget`; iterative, so no stack overflow. */
function checkArrayDepth(root: unknown[], budget: number, maxDepth: number): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node: raw, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > budget) throw tooDeep(maxDepth);
    const node = plainData(raw);
    if (Array.isArray(node)) for (const child of node) stack.push({ node: child, depth: depth + 1 });
    else if (isRecord(node)) for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
}

/** JSON.stringify's replacer for a list's text: the value before toJSON, as Buffer's would otherwise be `{"type":"Buffer",…}`. */
function plainReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const before = this[key];
  return typeof before === 'bigint' ? before.toString() : plainData(before instanceof Uint8Array ? before : value);
}

/** A leaf's text: scalars as their text (null is empty), arrays as their JSON text. */
export function scalarText(node: unknown, depth: number, maxDepth: number): string {
  if (node === null || node === undefined) return '';
  if (Array.isArray(node)) {
    // JSON.stringify recurses, so its input is bounded first.
    checkArrayDepth(node, maxDepth - depth, maxDepth);
    return JSON.stringify(node, plainReplacer);
  }
  return String(plainData(node));
}

/**
 * Receives each leaf: the key path (shared and reused: copy it to keep it), the value as text, and
 * for an array the array itself, whose elements' keys can make it secret.
 */
export type LeafVisitor = (path: readonly string[], value: string, array?: readonly unknown[]) => void;

/** Tells, for a mapping's key path, whether the mapping is one value (its JSON text) rather than more keys. */
export type WholeAt = (path: readonly string[]) => boolean;

function walk(tagged: unknown, path: string[], maxDepth: number, visit: LeafVisitor, whole?: WholeAt): void {
  if (path.length > maxDepth) throw tooDeep(maxDepth);
  const node = plainData(tagged);
  if (isRecord(node) && path.length > 0 && whole?.(path)) {
    // Its text is the one-element array's without the brackets (scalarText bounds the depth first);
    // the array goes with it so the keys inside can make it secret, as an array's do.
    const asArray = [node];
    visit(path, scalarText(asArray, path.length, maxDepth).slice(1, -1), asArray);
    return;
  }
  if (!isRecord(node)) {
    const text = scalarText(node, path.length, maxDepth);
    if (Array.isArray(node)) visit(path, text, node);
    else visit(path, text);
    return;
  }
  // Recursion is bounded by maxDepth, checked above before going deeper.
  for (const key of Object.keys(node)) {
    path.push(key);
    walk(node[key], path, maxDepth, visit, whole);
    path.pop();
  }
}

/**
 * Visits the leaves of nested mappings in document order: scalars as their text (null is empty),
 * arrays as their JSON text, and mappings `whole` names as their JSON text. A top level that is not a mapping, or nesting deeper than `maxDepth`,
 * is a SourceInputError.
 */
export function eachLeaf(doc: unknown, visit: LeafVisitor, maxDepth = 64, whole?: WholeAt): void {
  if (doc === null || doc === undefined) return;
  if (!isRecord(doc)) throw new SourceInputError('the top level is not a mapping of keys to values');
  walk(doc, [], maxDepth, visit, whole);
}

/** Nested mappings to key paths, in document order (see eachLeaf). */
export function flatten(doc: unknown, maxDepth = 64): FlatEntry[] {
  const out: FlatEntry[] = [];
  eachLeaf(doc, (path, value) => out.push({ path: path.slice(), value }), maxDepth);
  return out;
}
