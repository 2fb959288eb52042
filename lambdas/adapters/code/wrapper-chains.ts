import type { Node, Tree } from 'web-tree-sitter';
import type { ReadFallback } from '../../core/code/code-read';
import type { Affix, LanguageModule, Wrapper } from './language';
import { affixOf } from './key-affix';
import { encloses, isNull } from './syntax';
import {
  argumentAt,
  decided,
  paramFallback,
  definesFunction,
  NONE,
  readsParam,
  undecided,
  valueOf,
  type CallSite,
  type FunctionSite,
  type ReadGrammar,
} from './read-sites';

/** Levels of wrapper above a direct read that are followed: crates.io's `required_var` → `var` → `dotenvy::var` is two. */
export const MAX_CHAIN = 4;

/** The parameter of `fn` (other than its key) a node names, or -1. */
function paramAt(grammar: ReadGrammar, fn: FunctionSite, keyParam: number, node: Node | undefined): number {
  const index = node ? fn.params.indexOf(grammar.reference(node) ?? '') : -1;
  return index === keyParam ? -1 : index;
}

/** Whether `fn` throws or exits, itself or in a function of the same file it passes the read to (`required(var(key), key)`). */
function failsIn(grammar: ReadGrammar, fn: FunctionSite, read: Node, root: Node): boolean {
  if (grammar.fails === undefined) return false;
  if (grammar.fails(fn.body)) return true;
  const takers = grammar.calls(fn.body, () => true).filter((c) => c.args.some((arg) => encloses(arg, read)));
  const names = new Set(takers.map((c) => c.name));
  if (names.size === 0) return false;
  return root.descendantsOfType(grammar.functionTypes as string[]).some((node) => {
    const other = node ? grammar.functionOf(node) : undefined;
    return other !== undefined && names.has(other.name) && other.name !== fn.name && grammar.fails?.(other.body) === true;
  });
}

/** What `fn`, calling `inner` with its key parameter at `keyParam`, falls back to: each level keeps its default, passes one on, or fails. */
function chainedFallback(grammar: ReadGrammar, fn: FunctionSite, call: CallSite, inner: Wrapper, keyParam: number, root: Node) {
  let fallback: Wrapper['fallback'];
  let open: boolean;
  if (inner.fallback.kind === 'param') {
    const given = argumentAt(call, inner.fallback.defaultParam, inner.fallback.defaultName);
    const param = paramAt(grammar, fn, keyParam, given);
    if (param >= 0) return paramFallback(grammar, fn, param);
    const value: ReadFallback =
      given === undefined ? (inner.fallback.omitted ?? NONE) : isNull(given) ? NONE : valueOf(grammar, { kind: 'default', node: given });
    // An expression passed as the default is the default; an empty literal or an omitted one leaves it open.
    [fallback, open] = [value, undecided(value) && (given === undefined || (value.kind === 'default' && value.value !== undefined))];
  } else [fallback, open] = [inner.fallback, undecided(inner.fallback)];
  if (!open) return fallback;
  const around = grammar.around?.(call.node);
  const param = around?.kind === 'default' ? paramAt(grammar, fn, keyParam, around.node) : -1;
  if (param >= 0) return paramFallback(grammar, fn, param);
  const result = decided(grammar, fallback, around);
  if (!undecided(result)) return result;
  // `v = env(key); if (!v) return def`: another parameter the body reads is the default; else a body that fails makes the key required.
  const other = fn.params.findIndex((p, i) => i !== keyParam && readsParam(fn.body, p));
  if (other >= 0) return paramFallback(grammar, fn, other);
  return failsIn(grammar, fn, call.node, root) ? NONE : result;
}

/**
 * What a further key of `inner` (Wrapper.also) falls back to through a wrapper of it: a default taken from the parameter the
 * key's own default comes from follows that default (`fallback`); one from another parameter is a default without a value.
 */
function passedOn(also: Wrapper['fallback'], inner: Wrapper, fallback: Wrapper['fallback']): Wrapper['fallback'] {
  if (also.kind !== 'param') return also;
  return inner.fallback.kind === 'param' && inner.fallback.defaultParam === also.defaultParam ? fallback : { kind: 'default' };
}

/** The functions of a file that pass a parameter as the key of a known wrapper, each a wrapper one level up. */
export function chainedIn(grammar: ReadGrammar, root: Node, known: ReadonlyMap<string, Wrapper>): Wrapper[] {
  const found = new Map<number, Wrapper>();
  for (const call of grammar.calls(root, (name) => known.has(name))) {
    const inner = known.get(call.name);
    const arg = inner && argumentAt(call, inner.keyParam, inner.keyName);
    // `secret("APP_" + name)`: the text this level adds goes inside what the inner wrapper adds.
    const added = arg && affixOf(grammar, arg);
    const param = added?.param;
    if (inner === undefined || added === undefined || param === undefined) continue;
    const around = (a: Affix = { prefix: '', suffix: '' }): Affix => ({ prefix: a.prefix + added.prefix, suffix: added.suffix + a.suffix });
    const affixed = added.prefix !== '' || added.suffix !== '';
    let at = call.node.parent;
    while (at !== null && !definesFunction(grammar, at)) at = at.parent;
    const fn = at === null || found.has(at.id) ? undefined : grammar.functionOf(at);
    const keyParam = fn ? fn.params.indexOf(param) : -1;
    // A function already known (the inner wrapper itself, in a cycle) is not made again.
    if (!fn || !at || keyParam < 0 || known.has(fn.name)) continue;
    const fallback = chainedFallback(grammar, fn, call, inner, keyParam, root);
    found.set(at.id, {
      name: fn.name,
      keyParam,
      keyName: param,
      fallback,
      wraps: inner.wraps,
      ...(inner.property && { property: inner.property }),
      ...((inner.affix ?? affixed) && { affix: around(inner.affix) }),
      ...(inner.also && { also: inner.also.map((a) => ({ ...around(a), fallback: passedOn(a.fallback, inner, fallback) })) }),
    });
  }
  return [...found.values()];
}

/**
 * Adds to `scope` the wrappers of its wrappers (and of the language's built-ins), a level at a time, until a level finds none new or
 * MAX_CHAIN levels are done; only files whose text names a wrapper new at the last level are looked at again.
 */
export async function followChains<S extends { readonly text: string }>(
  language: LanguageModule,
  scope: Map<string, Wrapper>,
  sources: readonly S[],
  withTree: (source: S, use: (tree: Tree) => Wrapper[]) => Promise<Wrapper[]>,
): Promise<void> {
  const chained = language.chained;
  if (chained === undefined) return;
  // A built-in is followed as a wrapper but not added to the scope: its calls keep their own `via`.
  const builtins = (language.builtins ?? []).filter((w) => !scope.has(w.name));
  const known = new Map([...builtins.map((w): [string, Wrapper] => [w.name, w]), ...scope]);
  let fresh = [...known.keys()];
  for (let level = 0; level < MAX_CHAIN && fresh.length > 0; level++) {
    const added: string[] = [];
    for (const source of sources) {
      if (!fresh.some((name) => source.text.includes(name))) continue;
      for (const w of await withTree(source, (tree) => chained(tree, known)))
        if (!known.has(w.name)) {
          known.set(w.name, w);
          scope.set(w.name, w);
          added.push(w.name);
        }
    }
    fresh = added;
  }
}
