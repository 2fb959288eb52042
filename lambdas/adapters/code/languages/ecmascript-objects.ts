import type { Node } from 'web-tree-sitter';
import { encloses, operatorOf, plainString } from '../syntax';

/** Wrappers that leave an expression what it is: parentheses, TypeScript's `as`, `!` and `satisfies`. */
export const TRANSPARENT = ['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression'];

/** `A || d`, `A ?? d`: an expression whose right side is what it gives when its left is empty. */
export const isFallback = (node: Node): boolean => node.type === 'binary_expression' && ['||', '??'].includes(operatorOf(node) ?? '');

const NAMES = ['identifier', 'shorthand_property_identifier'];

/** The expression inside parentheses and casts. */
export function inner(node: Node): Node {
  let at = node;
  while (TRANSPARENT.includes(at.type) && at.namedChildren[0]) at = at.namedChildren[0];
  return at;
}

/** A property of an object literal with a plain key: `A: v`, `'A': v`, or the shorthand `A` (its value is the name `A`). */
export interface Property {
  readonly key: Node;
  readonly name: string;
  readonly value: Node;
}

/** The properties of an object literal whose keys are plain (spreads and computed keys are left out). */
export function properties(object: Node): Property[] {
  return object.namedChildren.flatMap((p) => {
    if (p?.type === 'shorthand_property_identifier') return [{ key: p, name: p.text, value: p }];
    const [key, value] = [p?.childForFieldName('key'), p?.childForFieldName('value')];
    if (p?.type !== 'pair' || !key || !value) return [];
    const name = key.type === 'property_identifier' ? key.text : plainString(key, ['string']);
    return name === undefined ? [] : [{ key, name, value }];
  });
}

/** The file's names and what they are bound to, to follow `const schema = z.object(…)` to where it is used. */
export interface Scope {
  readonly root: Node;
  /** The expression a name stands for when the file binds it once (`const x = …`), through a few names; else the node itself. */
  resolved(node: Node): Node;
}

/** A scope over a file's `const`/`let` declarations; a name bound twice is not followed. */
export function fileScope(root: Node): Scope {
  let bound: Map<string, Node | undefined> | undefined;
  const values = (): Map<string, Node | undefined> => {
    if (bound) return bound;
    bound = new Map();
    for (const d of root.descendantsOfType('variable_declarator')) {
      const [name, value] = [d?.childForFieldName('name'), d?.childForFieldName('value')];
      if (name?.type !== 'identifier' || !value) continue;
      bound.set(name.text, bound.has(name.text) ? undefined : value);
    }
    return bound;
  };
  return {
    root,
    resolved(node) {
      let at = inner(node);
      for (let hops = 0; hops < 4 && NAMES.includes(at.type); hops++) {
        const value = values().get(at.text);
        if (value === undefined) break;
        at = inner(value);
      }
      return at;
    },
  };
}

/** The object literal a node is or names, or undefined. */
export function objectLiteral(node: Node | undefined, scope: Scope): Node | undefined {
  const at = node && scope.resolved(node);
  return at?.type === 'object' ? at : undefined;
}

/** `a.b(…)`: the method's name and what it is called on; undefined for other calls. */
export function methodCall(call: Node): { method: string; object: Node } | undefined {
  const fn = call.type === 'call_expression' ? call.childForFieldName('function') : null;
  const [object, method] = [fn?.childForFieldName('object'), fn?.childForFieldName('property')];
  return fn?.type === 'member_expression' && object && method ? { method: method.text, object } : undefined;
}

/** The name a call is made by: `f(…)` is `f`, `a.b.f(…)` is `f`. */
export function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' ? fn.text : fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
}

/** Whether `node` lies within `outer` (or is it). */
export const within = (node: Node, outer: Node): boolean => encloses(outer, node);
