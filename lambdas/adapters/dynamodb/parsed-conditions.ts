import { createRequire } from 'node:module';

/** What the engine's expression parsers are given: the request's placeholders, and what is still unused of them. */
export interface ParseContext {
  attrNames?: Record<string, unknown>;
  attrVals?: Record<string, unknown>;
  unusedAttrNames?: Record<string, unknown>;
  unusedAttrVals?: Record<string, unknown>;
  /** Set by the engine while a Query's key condition (and its filter after it) is parsed. */
  isKeyCondition?: boolean;
}

/** The engine's condition parser: a tree, a string saying what is wrong, or a thrown syntax error. */
export type ParseCondition = (text: string, options: { context: ParseContext }) => unknown;

const MEMO = Symbol.for('drift.parsedEngineConditions');
/** Requests alike are a handful (one per kind of write); a bound keeps a run of distinct values from growing it. */
const KEPT = 256;

/** A condition parsed once: its tree, and the placeholders it used (the engine's check of unused ones needs them). */
interface Parsed {
  tree: object;
  names: string[];
  values: string[];
}

/** Every placeholder given, as unused: what a parse leaves of it is what the expression did not use. */
const allUnused = (given: Record<string, unknown> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.keys(given ?? {}).map((k) => [k, true]));
const usedOf = (given: Record<string, unknown> | undefined, left: Record<string, unknown>): string[] =>
  Object.keys(given ?? {}).filter((k) => !(k in left));

/**
 * `parse`, once per spelling: a condition whose text, names and values are those of one parsed
 * before gets that parse's tree, and the placeholders it used are marked used, as the parse marks
 * them. Only trees are kept (an error is the parser's own, each time), and never a Query's key
 * condition, which the engine turns into key conditions that share its values. A condition's tree is
 * only read once parsed (matched against the item a write reads), so requests alike can share it;
 * update expressions are not for this: the engine rewrites theirs.
 */
export function parsedOnce(parse: ParseCondition, kept = KEPT): ParseCondition {
  const parsed = new Map<string, Parsed>();
  return (text, options) => {
    const { context } = options;
    if (context.isKeyCondition) return parse(text, options);
    const key = JSON.stringify([text, context.attrNames ?? null, context.attrVals ?? null]);
    const hit = parsed.get(key);
    if (hit) {
      for (const name of hit.names) delete context.unusedAttrNames?.[name];
      for (const value of hit.values) delete context.unusedAttrVals?.[value];
      return hit.tree;
    }
    // Parsed against every placeholder as unused, so what it marks is what this condition uses, not what is left after
    // an update expression of the same request took some: a later request alike may have no update expression.
    const probe = { ...context, unusedAttrNames: allUnused(context.attrNames), unusedAttrVals: allUnused(context.attrVals) };
    const tree = parse(text, { ...options, context: probe });
    // A string is the parser's account of what is wrong with the expression (the request is refused with it).
    if (tree === null || typeof tree !== 'object') return tree;
    const used = { tree, names: usedOf(context.attrNames, probe.unusedAttrNames), values: usedOf(context.attrVals, probe.unusedAttrVals) };
    for (const name of used.names) delete context.unusedAttrNames?.[name];
    for (const value of used.values) delete context.unusedAttrVals?.[value];
    if (parsed.size >= kept) parsed.clear();
    parsed.set(key, used);
    return tree;
  };
}

/**
 * Makes the engine parse each condition expression once per spelling (parsedOnce). A big first run
 * writes thousands of items on the same few conditions (`attribute_not_exists(pk)`, `#version =
 * :version`), and the engine's generated parser was a fifth of each write's time. Idempotent.
 */
export function parseEngineConditionsOnce(): void {
  const parser = createRequire(require.resolve('dynalite'))('./db/conditionParser') as { parse: ParseCondition; [MEMO]?: true };
  if (parser[MEMO]) return;
  parser.parse = parsedOnce(parser.parse.bind(parser));
  parser[MEMO] = true;
}
