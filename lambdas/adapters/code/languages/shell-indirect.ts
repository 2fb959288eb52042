import type { Node } from 'web-tree-sitter';
import type { FoundRead } from '../language';
import { environmental, variableOf } from './shell-names';

/** The name a function's variable holds: its `index`th argument between literal text (`local fileVar="${var}_FILE"`). */
interface ArgumentName {
  readonly index: number;
  readonly prefix: string;
  readonly suffix: string;
}

const plainExpansion = (node: Node): boolean =>
  node.type === 'simple_expansion' || (node.type === 'expansion' && node.children.length === 3 && variableOf(node) !== undefined);

/** What an assigned value names: `"$1"`, `${var}_FILE` of a variable holding an argument; undefined for anything else. */
function argumentNameOf(value: Node, known: ReadonlyMap<string, ArgumentName>): ArgumentName | undefined {
  const parts = value.type === 'string' || value.type === 'concatenation' ? value.namedChildren : [value];
  const at = parts.findIndex((p) => p !== null && plainExpansion(p));
  const inner = at < 0 ? undefined : variableOf(parts[at] as Node)?.text;
  const literal = (p: Node | null) => p !== null && (p.type === 'string_content' || p.type === 'word');
  if (inner === undefined || !parts.every((p, i) => i === at || literal(p))) return undefined;
  const base = /^[1-9]$/.test(inner) ? { index: Number(inner), prefix: '', suffix: '' } : known.get(inner);
  const text = (from: number, to: number) =>
    parts
      .slice(from, to)
      .map((p) => p?.text ?? '')
      .join('');
  return base && { index: base.index, prefix: text(0, at) + base.prefix, suffix: base.suffix + text(at + 1, parts.length) };
}

/** `${!NAME…}`: the variable NAME names (or, `${!PREFIX@}`, the names that start with PREFIX). */
export const indirect = (expansion: Node): boolean => expansion.type === 'expansion' && expansion.children[1]?.type === '!';
// `${!var:-}`, `${!var-d}`, `${!var:+x}`: the named variable's absence gives a value.
const DEFAULTING = new Set([':-', '-', ':=', '=', ':+', '+']);
/** The operator of `${!var…}`, after the variable's name. */
export const indirectOperator = (expansion: Node): string | undefined => expansion.children[3]?.type;

/** A literal argument's text (`NAME`, `'NAME'`, `"NAME"`), else undefined. */
function literalArgument(node: Node | undefined): string | undefined {
  if (node?.type === 'word') return node.text;
  if (node?.type === 'raw_string') return node.text.slice(1, -1);
  if (node?.type === 'string' && node.namedChildren.every((c) => c?.type === 'string_content')) return node.text.slice(1, -1);
  return undefined;
}

/**
 * Reads through a function that expands the variable its argument names (`${!var}`): docker-library's
 * `file_env 'POSTGRES_PASSWORD'` reads POSTGRES_PASSWORD and, through `${var}_FILE`, POSTGRES_PASSWORD_FILE, the
 * file a Docker secret holds it in. Each call with a literal argument reads them there.
 */
export function indirectReads(root: Node, handled: (expansion: Node, name: string) => boolean): FoundRead[] {
  const reads: FoundRead[] = [];
  for (const fn of root.descendantsOfType('function_definition')) {
    const name = fn?.childForFieldName('name')?.text;
    if (!fn || !name) continue;
    const held = new Map<string, ArgumentName>();
    for (const a of fn.descendantsOfType('variable_assignment')) {
      const target = a?.childForFieldName('name')?.text;
      const value = a?.childForFieldName('value');
      const named = value && argumentNameOf(value, held);
      if (target && named) held.set(target, named);
    }
    const expansions = fn.descendantsOfType('expansion').filter((e): e is Node => e !== null && indirect(e));
    const targets = [...held].filter(([v]) => expansions.some((e) => variableOf(e)?.text === v));
    if (targets.length === 0) continue;
    for (const call of root.descendantsOfType('command')) {
      if (!call || call.childForFieldName('name')?.text !== name) continue;
      const args = call.childrenForFieldName('argument').filter((a): a is Node => a !== null);
      for (const [v, { index, prefix, suffix }] of targets) {
        const arg = args[index - 1];
        const literal = literalArgument(arg);
        const key = literal === undefined ? undefined : prefix + literal + suffix;
        if (!arg || key === undefined || !environmental(key)) continue;
        const own = expansions.filter((e) => variableOf(e)?.text === v);
        const defaulted = own.every((e) => DEFAULTING.has(indirectOperator(e) ?? '') || handled(e, v));
        reads.push({ name: key, at: arg, via: 'sh ${!NAME}', fallback: defaulted ? { kind: 'default' } : { kind: 'none' } });
      }
    }
  }
  return reads;
}
