import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { chainedIn } from '../wrapper-chains';
import { NONE, readsIn, wrappersIn, type FunctionSite, type ReadGrammar, type ReadSite } from '../read-sites';
import { field, operatorOf, plainString } from '../syntax';
import { elixirAround, elixirFails } from './elixir-checks';

const LITERALS = new Set(['integer', 'float', 'boolean', 'nil', 'atom']);
const DEFINES = new Set(['def', 'defp']);

/** What a call calls: `get_env` of `System.get_env(…)`, `env` of `env(…)`, with the module it names (`System`) when it names one. */
function callee(call: Node): { module?: string; name: string } | undefined {
  const target = field(call, 'target');
  if (target?.type === 'identifier') return { name: target.text };
  if (target?.type !== 'dot') return undefined;
  const [left, right] = [field(target, 'left'), field(target, 'right')];
  return right?.type === 'identifier' ? { module: left?.text, name: right.text } : undefined;
}

const argumentsOf = (call: Node): Node[] =>
  (call.namedChildren.find((c) => c?.type === 'arguments')?.namedChildren ?? []).filter(
    (n): n is Node => n !== null && n.type !== 'keywords' && n.type !== 'comment',
  );

// `@sha System.get_env("GIT_SHA")`: a module attribute's value is computed when the module compiles, in the build's environment.
function inAttribute(node: Node): boolean {
  for (let at = node.parent; at; at = at.parent)
    if (at.type === 'unary_operator' && operatorOf(at) === '@' && field(at, 'operand')?.type === 'call') return true;
  return false;
}

function sites(root: Node): ReadSite[] {
  return root.descendantsOfType('call').flatMap((call): ReadSite[] => {
    const called = call && callee(call);
    if (!call || called?.module !== 'System' || inAttribute(call)) return [];
    // `"X" |> System.get_env("d")`: the pipe's left is the first argument, and the read's value is the pipe's.
    const pipe = call.parent?.type === 'binary_operator' && operatorOf(call.parent) === '|>' ? call.parent : undefined;
    const piped = pipe && field(pipe, 'right')?.id === call.id ? field(pipe, 'left') : undefined;
    const args = argumentsOf(call);
    const [key, given] = piped ? [piped, args[0]] : [args[0], args[1]];
    const read = piped && pipe ? pipe : call;
    // `System.get_env()`: every variable, as a map.
    if (!key && called.name === 'get_env') return [{ key: call, via: 'System.get_env()', fallback: NONE, whole: true }];
    if (!key) return [];
    switch (called.name) {
      // `System.get_env("X", "d")`; without a default, nil when unset unless `|| "d"` or a later test gives one.
      case 'get_env':
        if (given) return [{ key, via: 'System.get_env', fallback: given.type === 'nil' ? NONE : { kind: 'default', node: given } }];
        return [{ key, via: 'System.get_env', fallback: elixirAround(read) ?? NONE }];
      // Raises when unset.
      case 'fetch_env!':
        return [{ key, via: 'System.fetch_env!', fallback: NONE }];
      // `{:ok, v}` or `:error`: the code has a path for the key's absence.
      case 'fetch_env':
        return [{ key, via: 'System.fetch_env', fallback: { kind: 'default' } }];
      default:
        return [];
    }
  });
}

/** `def name(params) do … end`, `defp name(params), do: …`, with `\\` defaults and a `when` guard. */
function functionOf(node: Node): FunctionSite | undefined {
  const defined = callee(node);
  if (defined === undefined || defined.module !== undefined || !DEFINES.has(defined.name)) return undefined;
  const list = node.namedChildren.find((c) => c?.type === 'arguments');
  let head = list?.namedChildren[0] ?? null;
  if (head?.type === 'binary_operator' && head.children.some((c) => c?.type === 'when')) head = field(head, 'left') ?? null;
  const name = head?.type === 'call' ? callee(head) : undefined;
  const doKeyword = list?.namedChildren
    .find((c) => c?.type === 'keywords')
    ?.namedChildren.find((pair) => field(pair, 'key')?.text.trim() === 'do:');
  const body = node.namedChildren.find((c) => c?.type === 'do_block') ?? field(doKeyword, 'value');
  if (!head || !name || name.module !== undefined || !body) return undefined;
  const params = head.type === 'call' ? argumentsOf(head) : [];
  const defaulted = (p: Node) => (p.type === 'binary_operator' && p.children.some((c) => c?.type === '\\\\') ? p : undefined);
  return {
    name: name.name,
    params: params.map((p) => (defaulted(p) ? (field(p, 'left')?.text ?? '') : p.type === 'identifier' ? p.text : '')),
    defaults: params.map((p) => {
      const value = defaulted(p) && field(p, 'right');
      return value && value.type !== 'nil' ? value : undefined;
    }),
    body,
  };
}

/** How the read finder sees Elixir's syntax. */
export const elixirGrammar: ReadGrammar = {
  sites,
  mayRead: (text) => text.includes('System.'),
  // A definition is a call of `def`: every call is looked at, and functionOf keeps the definitions.
  functionTypes: ['call'],
  isFunction: (node) => functionOf(node) !== undefined,
  functionOf,
  calls: (root, wanted) =>
    root.descendantsOfType('call').flatMap((node) => {
      const called = node && callee(node);
      return node && called && wanted(called.name) && !DEFINES.has(called.name) && !inAttribute(node)
        ? [{ name: called.name, args: argumentsOf(node), node }]
        : [];
    }),
  key: (node) => plainString(node, ['string']),
  isLiteral: (node) => LITERALS.has(node.type) || (node.type === 'string' && !node.namedChildren.some((n) => n?.type === 'interpolation')),
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  around: elixirAround,
  fails: elixirFails,
};

// Mix imports config/ENV.exs only under MIX_ENV=ENV (`import_config "#{config_env()}.exs"`): dev's runs on a developer's machine,
// test's under `mix test`, never in a release (as Rails' config/environments/development.rb and test.rb).
const MIX_DEV_OR_TEST = /(?:^|\/)config\/(?:dev|test)\.exs$/;

/** Elixir: `System.get_env` (with a default argument, `|| "d"`, or nil), `System.fetch_env!`, `System.fetch_env`, and wrappers `def`ined around them. */
export const elixir: LanguageModule<'elixir'> = {
  id: 'elixir',
  // `config/runtime.exs` is where a release reads its environment.
  extensions: ['.ex', '.exs'],
  code: (text, file) => (MIX_DEV_OR_TEST.test(file) ? undefined : text),
  grammar: (_extension: string) => 'tree-sitter-elixir/tree-sitter-elixir.wasm',
  wrappers: (tree) => wrappersIn(elixirGrammar, tree.rootNode),
  chained: (tree, known) => chainedIn(elixirGrammar, tree.rootNode, known),
  reads: (tree, wrappers) => readsIn(elixirGrammar, tree.rootNode, wrappers),
};
