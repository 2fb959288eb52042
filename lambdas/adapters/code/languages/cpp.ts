import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { flowAround, guardAround, ternaryAround, type Branch, type FlowDialect } from '../read-flow';
import { plausible, readsIn, wrappersIn, type ReadGrammar, type ReadSite } from '../read-sites';
import { chainedIn } from '../wrapper-chains';
import { callArguments, plainString, field } from '../syntax';

const STRINGS = ['string_literal', 'raw_string_literal'];
const LITERAL = /^(string_literal|raw_string_literal|number_literal|char_literal|true|false)$/;
const GETENV = /^(::)?(std::)?(secure_)?getenv$/;
const FAILS = /^(::)?(std::)?(exit|_exit|abort|terminate|quick_exit)$/;

// The name a declarator declares, through pointers and references: `*v`, `&key`, `v = …`.
const declared = (node: Node | undefined) => (node?.type === 'identifier' ? node : node?.descendantsOfType('identifier')[0]) ?? undefined;
const lastSegment = (node: Node | undefined) => node?.text.split('::').at(-1)?.trim();

function branchOf(node: Node, type: string): Branch | undefined {
  if (node.type !== type) return undefined;
  const [clause, consequence, alternative] = [field(node, 'condition'), field(node, 'consequence'), field(node, 'alternative')];
  const declaration = field(clause, 'value')?.type === 'declaration' ? field(clause, 'value') : undefined;
  // A condition that declares (`if (auto v = …)`) tests the declared name.
  const condition = declaration ? declared(field(declaration, 'declarator')) : clause;
  if (!condition || !consequence) return undefined;
  return {
    condition,
    consequence,
    alternative: alternative?.type === 'else_clause' ? (alternative.namedChildren[0] ?? undefined) : alternative,
  };
}

const flow: FlowDialect = {
  binding(value) {
    const at = value.parent;
    if (at?.type === 'init_declarator' && at.parent)
      return { names: [declared(field(at, 'declarator'))?.text ?? ''], statement: at.parent };
    if (at?.type === 'assignment_expression' && at.parent) return { names: [field(at, 'left')?.text ?? ''], statement: at.parent };
    // `if (const char* v = getenv("X")) { … }`: the declaration is the if's condition.
    const ownIf = at?.type === 'declaration' && at.parent?.type === 'condition_clause' ? at.parent.parent : null;
    if (at && ownIf) return { names: [declared(field(at, 'declarator'))?.text ?? ''], statement: at, ownIf };
    return undefined;
  },
  ifParts: (node) => branchOf(node, 'if_statement'),
  conditional: (node) => branchOf(node, 'conditional_expression'),
  assignment(node) {
    if (node.type !== 'assignment_expression') return undefined;
    const [target, value] = [field(node, 'left'), field(node, 'right')];
    return target && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_statement' ? node.namedChildren.filter((n): n is Node => n !== null) : undefined),
  fails: (node) => node.type === 'throw_statement' || (node.type === 'call_expression' && FAILS.test(field(node, 'function')?.text ?? '')),
  empty: new Set(['nullptr', 'NULL', '""', "'\\0'"]),
};

function sites(root: Node): ReadSite[] {
  return root.descendantsOfType('call_expression').flatMap((call): ReadSite[] => {
    const fn = field(call, 'function');
    const key = call && fn && GETENV.test(fn.text) ? callArguments(call)[0] : undefined;
    if (!call || !fn || !key) return [];
    return [
      { key, via: fn.text.replace(/^::/, ''), fallback: ternaryAround(call, flow) ?? guardAround(call, flow) ?? flowAround(call, flow) },
    ];
  });
}

const grammar: ReadGrammar = {
  sites,
  functionTypes: ['function_definition'],
  functionOf(fn) {
    const declarator = field(fn, 'declarator');
    const signature = declarator?.type === 'function_declarator' ? declarator : declarator?.descendantsOfType('function_declarator')[0];
    const [name, body] = [lastSegment(field(signature, 'declarator')), field(fn, 'body')];
    const params = field(signature, 'parameters')?.namedChildren.flatMap((p) =>
      p && /parameter_declaration$/.test(p.type) ? [declared(field(p, 'declarator'))?.text ?? ''] : [],
    );
    return name && params && body ? { name, params, body } : undefined;
  },
  calls: (root, wanted) =>
    root.descendantsOfType('call_expression').flatMap((call) => {
      const fn = field(call, 'function');
      const name =
        fn?.type === 'field_expression'
          ? field(fn, 'field')?.text
          : fn?.type === 'template_function'
            ? lastSegment(field(fn, 'name'))
            : lastSegment(fn);
      return call && name && wanted(name) && plausible(call, name) ? [{ name, args: callArguments(call), node: call }] : [];
    }),
  key: (node) => plainString(node, STRINGS),
  reference(node) {
    // `key.c_str()`, `key.data()`: the parameter itself.
    const inner =
      node.type === 'call_expression' && field(node, 'function')?.type === 'field_expression'
        ? field(field(node, 'function'), 'argument')
        : node;
    return inner?.type === 'identifier' ? inner.text : undefined;
  },
  isLiteral: (node) => LITERAL.test(node.type),
  fails: (body) => body.descendantsOfType(['throw_statement', 'call_expression']).some((n) => n !== null && flow.fails(n)),
};

/** C++: `std::getenv`/`getenv`/`secure_getenv` with a `? :` or `if (!v)` fallback, wrappers and their wrappers. */
export const cpp: LanguageModule<'cpp'> = {
  id: 'cpp',
  extensions: ['.cpp', '.cc', '.cxx', '.hpp', '.hh', '.h'],
  grammar: (_extension: string) => 'tree-sitter-cpp/tree-sitter-cpp.wasm',
  wrappers: (tree) => wrappersIn(grammar, tree.rootNode),
  chained: (tree, known) => chainedIn(grammar, tree.rootNode, known),
  reads: (tree, wrappers) => readsIn(grammar, tree.rootNode, wrappers),
};
