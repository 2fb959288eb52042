import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { flowAround, guardAround, ternaryAround, type Branch, type FlowDialect } from '../read-flow';
import { chainedIn } from '../wrapper-chains';
import { NONE, plausible, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, operatorOf, plainString } from '../syntax';
import { kotlinSpringValues } from './kotlin-spring';

const LITERAL = /(_literal|^true|^false)$/;
const FAILS = /^(error|TODO|exitProcess|System\.exit)$/;
const GETENV = /^(java\.lang\.)?System\.getenv$/;

const nodes = (node: Node) => node.namedChildren.filter((n): n is Node => n !== null);
const callee = (call: Node) => (call.type === 'call_expression' ? call.namedChildren[0] : null);
// `System.getenv()` with no argument: the whole environment as a map.
const isEnvMap = (node: Node | null | undefined) =>
  node != null && node.type === 'call_expression' && GETENV.test(callee(node)?.text ?? '') && callArguments(node).length === 0;

function branch(node: Node): Branch | undefined {
  const condition = node.childForFieldName('condition');
  const [consequence, alternative] = nodes(node).filter((n) => n.id !== condition?.id);
  return node.type === 'if_expression' && condition && consequence ? { condition, consequence, alternative } : undefined;
}

const flow: FlowDialect = {
  binding(value) {
    const at = value.parent;
    if (at?.type === 'property_declaration')
      return { names: [at.descendantsOfType('variable_declaration')[0]?.namedChildren[0]?.text ?? ''], statement: at };
    if (at?.type === 'assignment' && at.parent) return { names: [at.childForFieldName('left')?.text ?? ''], statement: at };
    return undefined;
  },
  ifParts: branch,
  conditional: branch,
  assignment(node) {
    if (node.type !== 'assignment') return undefined;
    const [target, value] = [node.childForFieldName('left'), node.childForFieldName('right')];
    return target && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_expression' ? nodes(node) : undefined),
  fails: (node) => node.type === 'throw_expression' || (node.type === 'call_expression' && FAILS.test(callee(node)?.text ?? '')),
  empty: new Set(['null', '""']),
};

/** `read ?: d` (through `?.toInt()`-style calls): a default, unless the right side throws, returns or errors. */
function aroundRead(read: Node): SiteFallback {
  let at = read;
  for (let p = at.parent; p; at = p, p = p.parent) {
    const chained = (p.type === 'navigation_expression' || p.type === 'parenthesized_expression') && p.namedChildren[0]?.id === at.id;
    const called = p.type === 'call_expression' && at.type === 'navigation_expression' && p.namedChildren[0]?.id === at.id;
    if (!chained && !called) break;
    if (chained && /^(orEmpty|ifEmpty|ifBlank)$/.test(p.namedChildren.at(-1)?.text ?? '')) return { kind: 'default' };
  }
  const parent = at.parent;
  if (parent?.type === 'binary_expression' && operatorOf(parent) === '?:' && parent.childForFieldName('left')?.id === at.id) {
    const right = parent.childForFieldName('right');
    const stops = !right || right.type === 'throw_expression' || right.type === 'return_expression' || flow.fails(right);
    return stops ? NONE : { kind: 'default', node: right };
  }
  return ternaryAround(read, flow) ?? guardAround(read, flow) ?? flowAround(at, flow);
}

function sites(root: Node): ReadSite[] {
  return [...envReads(root), ...kotlinSpringValues(root)];
}

function envReads(root: Node): ReadSite[] {
  // Only what mentions `getenv` can be a read: the rest is left before any walking.
  const calls = root
    .descendantsOfType(['call_expression', 'index_expression'])
    .filter((c): c is Node => c !== null && c.text.includes('getenv'));
  return calls.flatMap((node): ReadSite[] => {
    if (node.type === 'index_expression') {
      const [map, key] = nodes(node);
      return isEnvMap(map) && key ? [{ key, via: 'System.getenv()[]', fallback: aroundRead(node) }] : [];
    }
    const [fn, args] = [callee(node), callArguments(node)];
    if (!fn || !args[0]) return [];
    if (GETENV.test(fn.text)) return [{ key: args[0], via: 'System.getenv', fallback: aroundRead(node) }];
    const method = fn.type === 'navigation_expression' ? fn.namedChildren.at(-1)?.text : undefined;
    if (!isEnvMap(fn.namedChildren[0])) return [];
    if (method === 'getOrDefault')
      return [{ key: args[0], via: 'System.getenv().getOrDefault', fallback: { kind: 'default', node: args[1] } }];
    return method === 'get' ? [{ key: args[0], via: 'System.getenv().get', fallback: aroundRead(node) }] : [];
  });
}

const grammar: ReadGrammar = {
  sites,
  functionTypes: ['function_declaration'],
  functionOf(fn) {
    const name = fn.childForFieldName('name')?.text;
    const body = fn.namedChildren.find((c) => c?.type === 'function_body');
    const list = fn.namedChildren.find((c) => c?.type === 'function_value_parameters');
    const params: string[] = [];
    const defaults: (Node | undefined)[] = [];
    // `fun env(k: String, d: String = "x")`: a parameter's default follows it in the list.
    for (const node of list?.namedChildren ?? []) {
      if (node?.type === 'parameter') params.push(node.namedChildren[0]?.text ?? '');
      else if (node && !/modifiers|comment/.test(node.type) && node.text !== 'null') defaults[params.length - 1] = node;
    }
    return name && list && body ? { name, params, defaults, body } : undefined;
  },
  calls: (root, wanted) =>
    root.descendantsOfType('call_expression').flatMap((call) => {
      const fn = call && callee(call);
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'navigation_expression' ? fn.namedChildren.at(-1)?.text : undefined;
      return call && name && wanted(name) && plausible(call, name) ? [{ name, args: callArguments(call), node: call }] : [];
    }),
  // A `$` in a Kotlin string is a template: no fixed key.
  key: (node) => {
    const text = plainString(node, ['string_literal']);
    return text?.includes('$') ? undefined : text;
  },
  isLiteral: (node) => LITERAL.test(node.type) && !node.text.includes('$'),
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
};

/** Kotlin: `System.getenv` with `?:` (a default unless it throws or errors), `System.getenv()["X"]`, `getOrDefault`, `if (v == null)`, Spring `@Value`, wrappers and their wrappers. */
export const kotlin: LanguageModule<'kotlin'> = {
  id: 'kotlin',
  extensions: ['.kt', '.kts'],
  grammar: (_extension: string) => '@tree-sitter-grammars/tree-sitter-kotlin/tree-sitter-kotlin.wasm',
  wrappers: (tree) => wrappersIn(grammar, tree.rootNode),
  chained: (tree, known) => chainedIn(grammar, tree.rootNode, known),
  reads: (tree, wrappers) => readsIn(grammar, tree.rootNode, wrappers),
};
