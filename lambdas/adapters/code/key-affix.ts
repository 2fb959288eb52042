import type { Node } from 'web-tree-sitter';
import type { Affix } from './language';
import type { ReadGrammar } from './read-sites';
import { isTextPart, operatorOf } from './syntax';

/** A key a function builds from one of its parameters and literal text: the parameter, and the text before and after it. */
export type AffixedParam = Affix & { readonly param: string };

// Concatenation: PHP's `.`, most languages' `+`, Lua's `..`, Elixir's `<>`.
const JOINS = new Set(['.', '+', '..', '<>']);
// Where a string interpolates an expression: Python's and Ruby's `interpolation`, JavaScript's `${…}`.
const INTERPOLATIONS = new Set(['interpolation', 'template_substitution']);
// A string's quotes, where the grammar names them (C#'s `$` of `$"…"` too).
const QUOTES = new Set(['string_start', 'string_end', 'interpolation_start']);

const present = (nodes: (Node | null)[]): Node[] => nodes.filter((n): n is Node => n !== null);

/** The parameter an interpolated part names (`{$env}`, `${name}`, `#{key}`), or undefined. */
function interpolated(grammar: ReadGrammar, part: Node): string | undefined {
  if (!INTERPOLATIONS.has(part.type)) return grammar.reference(part);
  const inner = present(part.namedChildren);
  return inner.length === 1 && inner[0] ? grammar.reference(inner[0]) : undefined;
}

/** `"APP_{$name}_FILE"`, `f"{name}_FILE"`, `` `${name}_FILE` ``: literal text around one parameter. */
function interpolation(grammar: ReadGrammar, node: Node): AffixedParam | undefined {
  if (!/string/.test(node.type)) return undefined;
  const parts = present(node.namedChildren).filter((p) => !QUOTES.has(p.type));
  const named = parts.map((p) => (isTextPart(p) ? undefined : interpolated(grammar, p)));
  const at = named.findIndex((n) => n !== undefined);
  const param = named[at];
  if (param === undefined || parts.some((p, i) => i !== at && !isTextPart(p))) return undefined;
  const text = (from: number, to: number) =>
    parts
      .slice(from, to)
      .map((p) => p.text)
      .join('');
  return { param, prefix: text(0, at), suffix: text(at + 1, parts.length) };
}

/**
 * The parameter a key argument names, with the literal text joined to it (`$env . '_FILE'`, `'APP_' + name`, an
 * interpolated string), or undefined when the key is anything else. A parameter as it is has no text added.
 */
export function affixOf(grammar: ReadGrammar, node: Node): AffixedParam | undefined {
  const param = grammar.reference(node);
  if (param !== undefined) return { param, prefix: '', suffix: '' };
  const parts = present(node.namedChildren);
  const [left, right] = parts;
  if (/binary/.test(node.type) && parts.length === 2 && left && right && JOINS.has(operatorOf(node) ?? '')) {
    const [before, after] = [grammar.key(left), grammar.key(right)];
    const inner = after !== undefined ? affixOf(grammar, left) : before !== undefined ? affixOf(grammar, right) : undefined;
    if (inner === undefined) return undefined;
    return after !== undefined ? { ...inner, suffix: inner.suffix + after } : { ...inner, prefix: (before ?? '') + inner.prefix };
  }
  return interpolation(grammar, node);
}

/**
 * The literal text a key made as the code runs starts with (`'FEATURE_' + name`, `` `FEATURE_${name}` ``,
 * `f"FEATURE_{name}"`): '' when it starts with anything else (a variable, a call).
 */
export function literalStart(grammar: ReadGrammar, node: Node): string {
  const parts = present(node.namedChildren);
  const [left] = parts;
  if (/binary/.test(node.type) && parts.length === 2 && left && JOINS.has(operatorOf(node) ?? ''))
    return grammar.key(left) ?? literalStart(grammar, left);
  if (!/string/.test(node.type)) return '';
  const inner = parts.filter((p) => !QUOTES.has(p.type));
  const end = inner.findIndex((p) => !isTextPart(p));
  return inner
    .slice(0, end < 0 ? inner.length : end)
    .map((p) => p.text)
    .join('');
}
