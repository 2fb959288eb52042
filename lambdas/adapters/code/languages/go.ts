import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { testOf } from '../empty-test';
import { flowAround, flowDecision, guardAround, guardedRead, type FlowDialect } from '../read-flow';
import { chainedIn } from '../wrapper-chains';
import { NONE, plausible, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, enclosing, plainString } from '../syntax';
import { boundFlagDefaults, isFlagDefault } from './go-flags';
import { processedFields } from './go-envconfig';
import { taggedFields } from './go-tags';
import { cliFlagSites } from './go-cli-flags';
import { goConstantFacts, goConstants } from './go-constants';
import { asViperRead, GO_LITERAL, unmarshalledFields, VIPER_SETTINGS, viperSettings } from './go-viper';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
const ENV = new Set(['os.Getenv', 'os.LookupEnv', 'syscall.Getenv']);
// The whole environment, as `KEY=value` lines.
const WHOLE = new Set(['os.Environ', 'syscall.Environ']);
const VIPER =
  /^viper\.Get(String|Int|Int32|Int64|Uint|Uint16|Uint32|Uint64|Bool|Duration|Float64|Time|SizeInBytes|StringSlice|IntSlice|StringMap|StringMapString|StringMapStringSlice)?$/;
const EXPANDS = new Set(['os.ExpandEnv']);
const FAILS = /^(panic|os\.Exit|\w+\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln))$/;

const VAR_DECLARATION = new Set(['var_declaration']);
// The names Go code gives the error a call returns.
const ERROR_NAME = /^(?:err|\w+Err)$/;
const FUNCTIONS = ['function_declaration', 'method_declaration'];
const first = (list: Node | null): Node | undefined => list?.namedChildren[0] ?? undefined;

/**
 * Where the statements that may give an assigned value its fallback go on: after the `if` whose block
 * the assignment ends (`if v == "" { v = os.Getenv("B") }; if v == "" { v = "x" }`), as the variable
 * outlives that block. A declaration (`v := …`) inside the block is a variable of its own: it stops there.
 */
function continuedAfter(statement: Node): Node {
  let at = statement;
  for (let depth = 0; depth < 4; depth++) {
    for (let rest = at.nextNamedSibling; rest; rest = rest.nextNamedSibling) if (rest.type !== 'comment') return at;
    const block = at.parent?.type === 'statement_list' ? at.parent.parent : null;
    let branch = block?.type === 'block' ? block.parent : null;
    // `else if v == "" { … }` ends the whole chain.
    while (branch?.type === 'if_statement' && branch.parent?.type === 'if_statement') branch = branch.parent;
    if (branch?.type !== 'if_statement') return at;
    at = branch;
  }
  return at;
}

const flow: FlowDialect = {
  binding(value) {
    const list = value.parent;
    const statement = list?.type === 'expression_list' ? list.parent : null;
    if (statement?.type === 'var_spec') {
      const declaration = enclosing(statement, VAR_DECLARATION) ?? statement;
      return { names: statement.childrenForFieldName('name').map((n) => n.text), statement: declaration };
    }
    if (!list || !statement || statement.childForFieldName('right')?.id !== list.id) return undefined;
    const all = statement.childForFieldName('left')?.namedChildren.flatMap((n) => (n ? [n.text] : [])) ?? [];
    // `raw, ok, err := lookupEnv(env)`: the error a call returns last is not its value (`if err != nil` tests no key).
    const names = all.length > 1 && ERROR_NAME.test(all.at(-1) ?? '') ? all.slice(0, -1) : all;
    const ownIf =
      statement.parent?.type === 'if_statement' && statement.parent.childForFieldName('initializer')?.id === statement.id
        ? statement.parent
        : undefined;
    return { names, statement: statement.type === 'assignment_statement' ? continuedAfter(statement) : statement, ownIf };
  },
  ifParts(node) {
    if (node.type !== 'if_statement') return undefined;
    const [condition, consequence] = [node.childForFieldName('condition'), node.childForFieldName('consequence')];
    if (!condition || !consequence) return undefined;
    return { condition, consequence, alternative: node.childForFieldName('alternative') ?? undefined };
  },
  conditional: () => undefined,
  assignment(node) {
    if (node.type !== 'assignment_statement') return undefined;
    const [target, value] = [first(node.childForFieldName('left')), first(node.childForFieldName('right'))];
    return target && value ? { target: target.text, value } : undefined;
  },
  returned: (node) =>
    node.type === 'return_statement' ? (first(node)?.namedChildren.filter((n): n is Node => n !== null) ?? []) : undefined,
  fails: (node) => node.type === 'call_expression' && FAILS.test(node.childForFieldName('function')?.text ?? ''),
  // `if !ok { return nil }` in `func parseInt(target *int, env string) error`: no error, and the target keeps what it held.
  returnsNothing: (node) => {
    if (node.type !== 'return_statement') return false;
    const values = first(node)?.namedChildren ?? [];
    const fn = enclosing(node, new Set(FUNCTIONS));
    return values.length === 0 || (values.every((v) => v?.text === 'nil') && fn?.childForFieldName('result')?.text === 'error');
  },
  empty: new Set(['""', '``', 'nil']),
};

/** The variables `os.ExpandEnv` reads from a literal: `$NAME` and `${NAME}`, as os.Expand reads them. */
function expandedNames(text: string | undefined): string[] {
  if (text === undefined) return [];
  return [...new Set([...text.matchAll(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g)].map((m) => m[1] ?? m[2] ?? ''))].filter(Boolean);
}

// Statements after a presence test that may still test what it said.
const FOLLOWING = 8;

/** Whether a branch stops the program or its caller: a panic or exit, or a `return` of an error made there. */
const stops = (branch: Node): boolean =>
  branch
    .descendantsOfType(['call_expression', 'return_statement'])
    .some((n) => (n?.type === 'return_statement' ? n.descendantsOfType('call_expression').length > 0 : n !== null && flow.fails(n)));

/**
 * `_, ok := os.LookupEnv("X")`: the value is dropped, the read only says whether the key is set. Unset, the
 * code runs on without it (a computed default) unless the branch it then takes stops, which makes the key required.
 */
function presenceOnly(call: Node): SiteFallback | undefined {
  const binding = flow.binding(call);
  const [value, ok] = binding?.names ?? [];
  if (!binding || value !== '_') return undefined;
  const bound = new Set(ok && ok !== '_' ? [ok] : []);
  let s = binding.ownIf ?? binding.statement.nextNamedSibling;
  for (let left = FOLLOWING; s && left > 0; s = s.nextNamedSibling, left--) {
    const branch = flow.ifParts(s);
    const test = branch && testOf(branch.condition, bound, flow.empty);
    if (!branch || !test) continue;
    const unset = test === 'empty' ? branch.consequence : branch.alternative;
    return unset && stops(unset) ? NONE : { kind: 'default' };
  }
  return { kind: 'default' };
}

/** `cmp.Or(os.Getenv("X"), "d")`: the first non-empty argument. */
function aroundEnv(call: Node, fn: string): SiteFallback {
  const presence = fn === 'os.LookupEnv' ? presenceOnly(call) : undefined;
  if (presence) return presence;
  if (isFlagDefault(call)) return { kind: 'default' };
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  if (outer?.childForFieldName('function')?.text === 'cmp.Or') {
    const args = callArguments(outer);
    const next = args[args.findIndex((a) => a.id === call.id) + 1];
    return next ? { kind: 'default', node: next } : NONE;
  }
  // `strings.TrimSpace(os.Getenv("X"))` is still the read's value.
  let value = call;
  while (
    value.parent?.type === 'argument_list' &&
    value.parent.namedChildren.length === 1 &&
    /^strings\.(TrimSpace|ToLower|ToUpper|Trim\w*)$/.test(value.parent.parent?.childForFieldName('function')?.text ?? '')
  )
    value = value.parent.parent ?? value;
  return guardedRead(call, flow) ?? guardAround(call, flow) ?? flowAround(value, flow);
}

/** The direct reads of a file, `prefix` naming envconfig.Process's prefix argument (a literal, or a constant or variable of the package). */
const sitesNamed =
  (prefix: (node: Node) => string | undefined) =>
  (root: Node): ReadSite[] => [...calledSites(root), ...taggedFields(root), ...processedFields(root, prefix), ...cliFlagSites(root)];
const sites = sitesNamed((node) => plainString(node, STRINGS));

function calledSites(root: Node): ReadSite[] {
  const calls = root.descendantsOfType('call_expression').flatMap((call) => {
    const fn = call?.childForFieldName('function')?.text ?? '';
    return call && (ENV.has(fn) || EXPANDS.has(fn) || WHOLE.has(fn) || fn.startsWith('viper.')) ? [{ call, fn }] : [];
  });
  const defaults = boundFlagDefaults(root);
  for (const { call, fn } of calls) {
    const [key, value] = callArguments(call);
    const name = key && plainString(key, STRINGS);
    if (fn === 'viper.SetDefault' && name && value) defaults.set(name, value);
  }
  return calls.flatMap(({ call, fn }): ReadSite[] => {
    if (WHOLE.has(fn)) return [{ key: call, via: `${fn}()`, fallback: NONE, whole: true }];
    const key = callArguments(call)[0];
    if (!key) return [];
    if (ENV.has(fn)) return [{ key, via: fn, fallback: aroundEnv(call, fn) }];
    // `os.ExpandEnv("${HOST}:$PORT")` reads each variable it names (unset: empty).
    if (EXPANDS.has(fn)) return expandedNames(plainString(key, STRINGS)).map((name) => ({ key, via: fn, fallback: NONE, name }));
    // `viper.BindEnv("db.host", "DB_HOST", …)`: the variables that give the key its value.
    if (fn === 'viper.BindEnv') {
      const def = defaults.get(plainString(key, STRINGS) ?? '');
      return callArguments(call)
        .slice(1)
        .map((env) => ({ key: env, via: fn, fallback: def ? { kind: 'default' as const, node: def } : NONE }));
    }
    if (!VIPER.test(fn)) return [];
    const def = defaults.get(plainString(key, STRINGS) ?? '');
    return [{ key, via: fn, fallback: def ? { kind: 'default', node: def } : NONE }];
  });
}

const grammar: ReadGrammar = {
  sites,
  functionTypes: FUNCTIONS,
  functionOf(fn) {
    const [name, body] = [fn.childForFieldName('name')?.text, fn.childForFieldName('body')];
    const params = fn
      .childForFieldName('parameters')
      ?.namedChildren.flatMap((p) => p?.childrenForFieldName('name').map((n) => n.text) ?? []);
    return name && params && body ? { name, params, body } : undefined;
  },
  // `config.GetString(…)` is first the wrapper of package `config` (another folder's, known as `config.GetString`), then one of this package's.
  calls: (root, wanted) =>
    root.descendantsOfType('call_expression').flatMap((call) => {
      const fn = call?.childForFieldName('function');
      const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
      const field = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      const qualified = operand?.type === 'identifier' && field ? `${operand.text}.${field}` : undefined;
      if (call && qualified && wanted(qualified)) return [{ name: qualified, args: callArguments(call), node: call }];
      const name = field ?? (fn?.type === 'identifier' ? fn.text : undefined);
      return call && name && wanted(name) && plausible(call, name) ? [{ name, args: callArguments(call), node: call }] : [];
    }),
  key: (node) => plainString(node, STRINGS),
  // `raw, ok, err := lookupEnv(env); if ok { *target = raw }`: what the code does with a wrapper's value when it is unset.
  around: (call) => guardedRead(call, flow) ?? guardAround(call, flow) ?? flowDecision(call, flow),
  isLiteral: (node) => GO_LITERAL.test(node.type),
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  fails: (body) => body.descendantsOfType('call_expression').some((call) => call !== null && flow.fails(call)),
};

/** Go: `os.Getenv`, `os.LookupEnv` with the fallbacks written after them, `cmp.Or`, viper's getters with `SetDefault` and bound flags' defaults, `env:"X"` struct tags, urfave/cli flags' `EnvVars`, and wrappers and their wrappers; a key written or named by a string constant of the package. */
export const go: LanguageModule<'go'> = {
  id: 'go',
  extensions: ['.go'],
  grammar: (_extension: string) => 'tree-sitter-go/tree-sitter-go.wasm',
  // A Go package is its directory: checkout's mustMapEnv is not product-catalog's.
  wrapperScope: 'folder',
  wrappers: (tree) => [...wrappersIn(grammar, tree.rootNode), ...goConstantFacts(tree.rootNode)],
  chained: (tree, known) => chainedIn(grammar, tree.rootNode, known),
  // viper is one store for the whole program: its prefix and defaults, set up in main, hold in every package.
  declared: (tree) => viperSettings(tree.rootNode),
  reads(tree, wrappers, declared) {
    const viper = declared?.(VIPER_SETTINGS);
    // A key may be a string constant of the package: `os.Getenv(EnvServerPort)`, `parseInt(&c.Port, EnvServerPort)`.
    const [constants, variables] = [goConstants(wrappers), goConstants(wrappers, true)];
    const from = (names: ReadonlyMap<string, string>) => (node: Node) =>
      grammar.key(node) ?? (node.type === 'identifier' ? names.get(node.text) : undefined);
    const named: ReadGrammar = variables.size ? { ...grammar, key: from(constants), sites: sitesNamed(from(variables)) } : grammar;
    const reads = [...readsIn(named, tree.rootNode, wrappers), ...unmarshalledFields(tree.rootNode, viper)];
    return reads.flatMap((r) => asViperRead(r, viper));
  },
};
