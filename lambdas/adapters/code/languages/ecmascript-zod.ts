import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments } from '../syntax';
import { methodCall, objectLiteral, properties, type Property, type Scope } from './ecmascript-objects';

const VIA = 'zod schema';
// The outermost of these in a chain decides what an absent key gives (zod: "optional clobbers catch").
const DEFAULTS = new Set(['default', 'prefault', 'catch']);
const OPTIONAL = new Set(['optional', 'nullish', 'exactOptional']);
const PARSES = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa']);
const OBJECTS = new Set(['object', 'strictObject', 'looseObject']);
const MAX_CHAIN = 40;

const bothWays = (a: SiteFallback, b: SiteFallback): SiteFallback => {
  if (a.kind === 'none' || b.kind === 'none') return NONE;
  return a.node && b.node && a.node.text === b.node.text ? a : { kind: 'default' };
};

/**
 * What a zod schema gives for an absent key: `.default(x)`, `.prefault(x)` and `.catch(x)` give x,
 * `.optional()` / `.nullish()` undefined (no failure), `z.coerce.boolean()` false; anything else fails.
 * `cond ? z.string() : z.string().optional()` (required in production) has a default only when both do.
 */
export function zodFallback(schema: Node, scope: Scope): SiteFallback {
  let at = scope.resolved(schema);
  for (let step = 0; step < MAX_CHAIN; step++) {
    if (at.type === 'ternary_expression') {
      const [a, b] = [at.childForFieldName('consequence'), at.childForFieldName('alternative')];
      return a && b ? bothWays(zodFallback(a, scope), zodFallback(b, scope)) : NONE;
    }
    const call = methodCall(at);
    if (call === undefined) return NONE;
    const args = callArguments(at);
    if (OPTIONAL.has(call.method)) return { kind: 'default' };
    if (DEFAULTS.has(call.method)) return args[0] ? { kind: 'default', node: args[0] } : NONE;
    if (call.method === 'boolean' && call.object.text.endsWith('coerce')) return { kind: 'default', value: 'false' };
    // `z.preprocess(fn, schema)`: the schema decides.
    const next = call.method === 'preprocess' && args[1] ? args[1] : call.object;
    at = scope.resolved(next);
  }
  return NONE;
}

/** A key of an object schema, and whether `.partial()` made it optional. */
interface Field extends Property {
  readonly optional?: boolean;
}

const keysOf = (object: Node): Set<string> => new Set(properties(object).map((p) => p.name));

/** The keys of `z.object({…})`, through `.extend`, `.merge`, `.partial`, `.pick`, `.omit` and methods that keep them (`.strict()`). */
export function objectShape(schema: Node, scope: Scope, depth = 0): Field[] {
  const at = scope.resolved(schema);
  const call = methodCall(at);
  if (call === undefined || depth > MAX_CHAIN) return [];
  const [arg] = callArguments(at);
  const literal = objectLiteral(arg, scope);
  if (OBJECTS.has(call.method)) return literal ? properties(literal) : [];
  const base = objectShape(call.object, scope, depth + 1);
  const merged = (more: Field[]): Field[] => [...base.filter((f) => !more.some((m) => m.name === f.name)), ...more];
  switch (call.method) {
    case 'extend':
      return literal ? merged(properties(literal)) : base;
    case 'merge':
      return arg ? merged(objectShape(arg, scope, depth + 1)) : base;
    case 'partial': {
      const only = literal && keysOf(literal);
      return base.map((f) => (!only || only.has(f.name) ? { ...f, optional: true } : f));
    }
    case 'pick':
      return literal ? base.filter((f) => keysOf(literal).has(f.name)) : base;
    case 'omit':
      return literal ? base.filter((f) => !keysOf(literal).has(f.name)) : base;
    default:
      return base;
  }
}

/** A field's read: what its schema gives, or undefined when `.partial()` made it optional and its schema has no default. */
export function fieldSite(field: Field, via: string, scope: Scope): ReadSite {
  const own = zodFallback(field.value, scope);
  return { key: field.key, via, fallback: field.optional && own.kind === 'none' ? { kind: 'default' } : own };
}

/** The environment object, or an object literal that spreads it (`{ ...process.env, PORT: '1' }`). */
export const holdsEnv = (node: Node, isEnv: (node: Node) => boolean): boolean =>
  isEnv(node) ||
  (node.type === 'object' &&
    node.namedChildren.some((c) => c?.type === 'spread_element' && c.namedChildren[0] && isEnv(c.namedChildren[0])));

/** The keys of object schemas parsed against the environment: `z.object({…}).parse(process.env)`, `schema.safeParse(process.env)`. */
export function zodSites(root: Node, scope: Scope, isEnv: (node: Node) => boolean): ReadSite[] {
  if (!/parse/i.test(root.text)) return [];
  return root.descendantsOfType('call_expression').flatMap((node) => {
    const call = node && methodCall(node);
    const [arg] = node ? callArguments(node) : [];
    if (!call || !PARSES.has(call.method) || !arg || !holdsEnv(scope.resolved(arg), isEnv)) return [];
    return objectShape(call.object, scope).map((field) => fieldSite(field, VIA, scope));
  });
}
