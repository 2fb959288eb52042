import type * as Yaml from 'yaml';
import { isAlias, isCollection, isDocument, isPair, yamlPackage } from '../on-demand/yaml-package';
import { SourceInputError } from './errors';
import { TOO_DEEP } from '../yaml-error-words';
import { yamlNestingOverAt } from './yaml-budget';

/** How deep a mapping or list written as a key may nest. */
export const MAX_KEY_NESTING = 64;

export const TANGLED_KEY = `a mapping or list written as a key holds another such key or nests deeper than ${MAX_KEY_NESTING} levels; write keys as text`;

/** The nodes a node holds: a pair's key and value, a collection's items. */
const children = (node: unknown): unknown[] =>
  isPair(node) ? [node.key, node.value] : isCollection(node) ? (node.items as unknown[]) : [];

/** Whether a key that is a collection holds a collection as a key, or nests deeper than MAX_KEY_NESTING. */
function tangled(key: Yaml.Node): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: key, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (isPair(node) && isCollection(node.key)) return true;
    if (isCollection(node) && depth > MAX_KEY_NESTING) return true;
    for (const child of children(node)) stack.push({ node: child, depth: isCollection(node) ? depth + 1 : depth });
  }
  return false;
}

/**
 * The first mapping or list written as a key that holds another such key or nests deeper than MAX_KEY_NESTING, else
 * undefined. Why: the package turns a key that is a collection into its YAML text (a JavaScript object's keys are
 * text), and does so again for each such key inside it, in time that grows as a high power of their nesting: a line
 * of 1.6 KB (`a: { [{ [{ [ … ]: 1}]: 1}]: 1}`) took 18 s. Walked without recursion, each node once.
 */
export function tangledCollectionKey(doc: Yaml.Document | Yaml.Node): Yaml.Node | undefined {
  const stack: unknown[] = [isDocument(doc) ? doc.contents : doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) continue;
    if (isPair(node) && isCollection(node.key)) {
      if (tangled(node.key)) return node.key;
      // A key that is not tangled holds no collection key: only the value is left to look at.
      stack.push(node.value);
      continue;
    }
    for (const child of children(node)) stack.push(child);
  }
  return undefined;
}

/** Throws a source error at the first tangled key of a document (tangledCollectionKey), positioned in `file`. */
export function refuseTangledKeys(doc: Yaml.Document, lines: Yaml.LineCounter, file: string): void {
  const tangled = tangledCollectionKey(doc);
  if (!tangled) return;
  const { line, col } = lines.linePos(tangled.range?.[0] ?? 0);
  throw new SourceInputError(`${file}:${line}:${col}: ${TANGLED_KEY}`);
}

/** A YAML text's value, as the package's `parse` gives it; throws on its first error, nesting too deep for it, or a tangled key (see tangledCollectionKey). */
export function parseUntangled(
  text: string,
  options: Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions & Yaml.ToJSOptions,
): unknown {
  if (yamlNestingOverAt(text) !== undefined) throw new SourceInputError(TOO_DEEP);
  const doc = yamlPackage().parseDocument(text, options);
  if (doc.errors[0]) throw doc.errors[0];
  if (tangledCollectionKey(doc)) throw new SourceInputError(TANGLED_KEY);
  return doc.toJS(options);
}
