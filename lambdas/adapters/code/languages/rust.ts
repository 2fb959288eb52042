import { treeConstantsIn } from '../file-constants';
import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { chainedIn } from '../wrapper-chains';
import { NONE, plausible, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, plainString, field } from '../syntax';
import { clapFields } from './rust-clap';
import { configCrateFacts, configCrateFields } from './rust-config-crate';
import { envyFacts, envyFields } from './rust-envy';
import { macroArguments } from './rust-macros';

const STRINGS = ['string_literal', 'raw_string_literal'];
const LITERAL = /^(string_literal|raw_string_literal|integer_literal|float_literal|boolean_literal|char_literal)$/;
const ENV = /^(::)?(std::)?env::var(_os)?$|^dotenvy?::var$/;
const WHOLE_ENV = /^(::)?(std::)?env::vars(_os)?$|^dotenvy?::vars$/;
const CONVERSION = /^(to_string|to_owned|into|to_os_string|from)$/;
// Methods that carry the read's value on (or its absence) without deciding what an unset key gives.
const DEFAULTS = new Set(['unwrap_or', 'unwrap_or_else', 'unwrap_or_default', 'map_or', 'map_or_else']);
const MACRO_READ = /\b(env|dotenvy?)\s*::\s*var/;
const FAILS = new Set(['unwrap', 'expect', 'unwrap_err', 'expect_err']);
// Methods that test whether it is set: the code goes on either way (`env::var("TLS").is_ok()`).
const TESTS = new Set(['is_ok', 'is_err', 'is_some', 'is_none', 'is_ok_and', 'is_some_and', 'is_err_and', 'is_none_or']);
const FAILING_MACROS = /^(panic|unreachable|todo|unimplemented|bail)$/;
// Calls in a body that fail when a value is missing: `opt.ok_or_else(|| anyhow!(…))`, `process::exit(1)`.
const FAILING_CALL = /(\.ok_or(_else)?|(^|::)exit)$/;

/** The value a default expression stands for: `"x".to_string()`, `String::from("x")`, `"x".into()` and closures returning them are `"x"`. */
function unwrapped(node: Node | undefined): Node | undefined {
  let at = node;
  for (let depth = 0; at && depth < 4; depth++) {
    if (at.type === 'closure_expression') at = field(at, 'body');
    else if (at.type === 'block' && at.namedChildren.length === 1) at = at.namedChildren[0] ?? undefined;
    else if (at.type === 'call_expression' && /(^|::)from$/.test(field(at, 'function')?.text ?? '')) at = callArguments(at)[0];
    else if (at.type === 'call_expression' && CONVERSION.test(field(field(at, 'function') ?? at, 'field')?.text ?? ''))
      at = field(field(at, 'function') ?? at, 'value');
    else break;
  }
  return at;
}

/**
 * The method chain on a read decides: `unwrap_or*` gives a default, `expect`/`unwrap` none; `ok`, `map`,
 * `parse` pass it on. `?` fails a direct read (an unset variable is an `Err`), but only passes on a
 * wrapper's own errors: what a wrapper's call gives unset is the wrapper's (`var("X")?` is `None`).
 * Undefined when nothing on the chain decides.
 */
function chainAround(read: Node, wrapped: boolean): SiteFallback | undefined {
  let at = read;
  for (let p = at.parent; p; at = p, p = p.parent) {
    if (p.type === 'try_expression') {
      if (wrapped) continue;
      return NONE;
    }
    if (p.type === 'match_expression' && field(p, 'value')?.id === at.id) return matchArm(p);
    if (p.type === 'let_condition' && field(p, 'value')?.id === at.id) return letCondition(p);
    const call = p.type === 'field_expression' && field(p, 'value')?.id === at.id ? p.parent : null;
    if (!call || call.type !== 'call_expression') return undefined;
    const method = field(p, 'field')?.text ?? '';
    if (FAILS.has(method)) return NONE;
    if (TESTS.has(method)) return { kind: 'default' };
    if (method === 'unwrap_or_default') return { kind: 'default' };
    if (DEFAULTS.has(method)) return { kind: 'default', node: unwrapped(callArguments(call)[0]) };
    p = call;
  }
  return undefined;
}

const failingMacro = (node: Node): boolean =>
  node.type === 'macro_invocation' && FAILING_MACROS.test(field(node, 'macro')?.text.split('::').at(-1) ?? '');

/** Whether a body stops the program or the request: `panic!`, `bail!`, `.ok_or_else(…)?`, `process::exit`. */
const fails = (body: Node): boolean =>
  body
    .descendantsOfType(['macro_invocation', 'call_expression'])
    .some((n) => n !== null && (failingMacro(n) || (n.type === 'call_expression' && FAILING_CALL.test(field(n, 'function')?.text ?? ''))));

/**
 * `if let Ok(v) = env::var("X") { … }` (or `while let Some(…)`): the code runs on without it, unless the branch
 * an unset key takes fails or returns (an `else` that panics, `if let Err(e) = … { return Err(e.into()) }`).
 */
function letCondition(condition: Node): SiteFallback {
  let branching = condition.parent;
  while (branching && branching.type === 'let_chain') branching = branching.parent;
  if (!branching || !/^(if|while)_expression$/.test(branching.type)) return NONE;
  const set = /^(Ok|Some)\b/.test(field(condition, 'pattern')?.text ?? '');
  const unset = set ? field(branching, 'alternative') : field(branching, 'consequence');
  const stops = (branch: Node) => fails(branch) || branch.descendantsOfType('return_expression').length > 0;
  return unset && stops(unset) ? NONE : { kind: 'default' };
}

/** `match env::var("X") { Ok(v) => v, Err(_) => "d".into() }`: the `Err`/`None`/`_` arm, unless it panics. */
function matchArm(match: Node): SiteFallback {
  for (const arm of match.descendantsOfType('match_arm')) {
    const pattern = arm && field(arm, 'pattern')?.text;
    if (!arm || !pattern || !/^(Err\b|None$|_$)/.test(pattern)) continue;
    const value = field(arm, 'value');
    return !value || failingMacro(value) || value.type === 'return_expression' ? NONE : { kind: 'default', node: unwrapped(value) };
  }
  return NONE;
}

const grammar: ReadGrammar = {
  sites: (root) =>
    root.descendantsOfType('call_expression').flatMap((call): ReadSite[] => {
      const fn = call && field(call, 'function');
      // `env::vars()`, `dotenvy::vars()`: every variable.
      if (call && fn && WHOLE_ENV.test(fn.text))
        return [{ key: call, via: `${fn.text.replace(/^::/, '')}()`, fallback: NONE, whole: true }];
      const key = call && fn && ENV.test(fn.text) ? callArguments(call)[0] : undefined;
      return call && fn && key ? [{ key, via: fn.text.replace(/^::/, ''), fallback: chainAround(call, false) ?? NONE }] : [];
    }),
  functionTypes: ['function_item'],
  functionOf(fn) {
    const [name, body] = [field(fn, 'name')?.text, field(fn, 'body')];
    // `self` is the receiver, not an argument of the call.
    const params = field(fn, 'parameters')?.namedChildren.flatMap((p) =>
      p?.type === 'parameter' ? [field(p, 'pattern')?.text ?? ''] : [],
    );
    return name && params && body ? { name, params, body } : undefined;
  },
  calls: (root, wanted) =>
    root.descendantsOfType('call_expression').flatMap((call) => {
      const fn = call && field(call, 'function');
      const name = fn?.type === 'identifier' ? fn.text : fn && field(fn, fn.type === 'field_expression' ? 'field' : 'name')?.text;
      return call && name && wanted(name) && plausible(call, name) ? [{ name, args: callArguments(call), node: call }] : [];
    }),
  key: (node) => plainString(node, STRINGS),
  reference(node) {
    let at: Node | undefined = node;
    if (at.type === 'reference_expression') at = field(at, 'value');
    if (at?.type === 'call_expression' && /^(as_str|as_ref|as_os_str)$/.test(field(field(at, 'function') ?? at, 'field')?.text ?? ''))
      at = field(field(at, 'function') ?? at, 'value');
    return at?.type === 'identifier' ? at.text : undefined;
  },
  isLiteral: (node) => LITERAL.test(node.type),
  around: (call) => chainAround(call, true),
  fails,
};

/** Rust: `env::var`/`std::env::var`/`var_os`/`dotenvy::var` with the chain that decides (`unwrap_or*`, `expect`, `?`, `match`), inside macro arguments too, wrappers and their wrappers; clap's `#[arg(env)]` fields; envy's structs and the config crate's. */
export const rust: LanguageModule<'rust'> = {
  id: 'rust',
  extensions: ['.rs'],
  grammar: (_extension: string) => 'tree-sitter-rust/tree-sitter-rust.wasm',
  wrappers: (tree) => [...wrappersIn(grammar, tree.rootNode), ...envyFacts(tree.rootNode), ...configCrateFacts(tree.rootNode)],
  chained: (tree, known) => chainedIn(grammar, tree.rootNode, known),
  constants: (tree) => treeConstantsIn(grammar, tree.rootNode),
  reads: (tree, wrappers, _declared, constants) => {
    const names = [...wrappers.keys()];
    const worth = (tokens: string) => MACRO_READ.test(tokens) || names.some((name) => tokens.includes(name));
    const copies = macroArguments(tree, worth);
    const reads = [tree, ...copies].flatMap((t) => readsIn(grammar, t.rootNode, wrappers, undefined, constants));
    // A read keeps its key's position, a field of the node: the copies are freed once the reads are made.
    for (const copy of copies) copy.delete();
    return [...reads, ...clapFields(tree.rootNode), ...envyFields(tree.rootNode, wrappers), ...configCrateFields(tree.rootNode, wrappers)];
  },
};
