import { SourceInputError } from './errors';

/** One leaf of a configuration document: its key path and its value as text. */
export interface FlatEntry {
  path: string[];
  value: string;
}

type Frame = { path: string[]; node: unknown };

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const tooDeep = (maxDepth: number): SourceInputError =>
  new SourceInputError(`nesting is deeper than ${maxDepth} levels`);

/** Throws when an array holds collections nested deeper than `budget`; iterative, so no stack overflow. */
function checkArrayDepth(root: unknown[], budget: number, maxDepth: number): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > budget) throw tooDeep(maxDepth);
    if (Array.isArray(node)) for (const child of node) stack.push({ node: child, depth: depth + 1 });
    else if (isMapping(node)) for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
}

function scalarText(node: unknown, depth: number, maxDepth: number): string {
  if (node === null || node === undefined) return '';
  if (Array.isArray(node)) {
    // JSON.stringify recurses, so its input is bounded first.
    checkArrayDepth(node, maxDepth - depth, maxDepth);
    return JSON.stringify(node, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return String(node);
}

/**
 * Nested mappings to key paths, in document order: scalars become their text (null is empty),
 * arrays their JSON text. A top level that is not a mapping, or nesting deeper than `maxDepth`,
 * is a SourceInputError.
 */
export function flatten(doc: unknown, maxDepth = 64): FlatEntry[] {
  if (doc === null || doc === undefined) return [];
  if (!isMapping(doc)) throw new SourceInputError('the top level is not a mapping of keys to values');
  const out: FlatEntry[] = [];
  const stack: Frame[] = [{ path: [], node: doc }];
  while (stack.length > 0) {
    const { path, node } = stack.pop() as Frame;
    if (path.length > maxDepth) throw tooDeep(maxDepth);
    if (!isMapping(node)) {
      out.push({ path, value: scalarText(node, path.length, maxDepth) });
      continue;
    }
    const keys = Object.keys(node);
    // Pushed in reverse so the stack pops them in document order.
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ path: [...path, key], node: node[key] });
    }
  }
  return out;
}
