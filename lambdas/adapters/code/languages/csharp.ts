import { treeConstantsIn } from '../file-constants';
import { literalStart } from '../key-affix';
import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { chainedIn } from '../wrapper-chains';
import {
  NONE,
  fieldFunction,
  readsIn,
  wrappersIn,
  type FunctionSite,
  type ReadGrammar,
  type ReadSite,
  type SiteFallback,
} from '../read-sites';
import { operatorOf, outermost, plainString } from '../syntax';
import { argumentsOf, configurationNames, configurationSite, memberName, sectionOf, under } from './csharp-config';
import { assignedAfter, fails, guardedIn } from './csharp-checks';
import { keyWith, optionsClasses, optionsReads } from './csharp-options';
import { DOTNET_SETTINGS_FILES } from './dotnet-settings';

const LITERALS = new Set([
  'string_literal',
  'verbatim_string_literal',
  'raw_string_literal',
  'integer_literal',
  'real_literal',
  'boolean_literal',
  'null_literal',
  'character_literal',
]);

function key(node: Node): string | undefined {
  if (node.type === 'verbatim_string_literal' && !node.text.includes('""')) return node.text.slice(2, -1) || undefined;
  return plainString(node, ['string_literal']);
}

/** `?? "d"`, `?? throw …`, or a later `if (string.IsNullOrEmpty(v)) v = "d";` around a read. */
function around(expression: Node): SiteFallback | undefined {
  const read = outermost(expression, ['parenthesized_expression']);
  const parent = read.parent;
  if (parent?.type === 'binary_expression' && operatorOf(parent) === '??' && parent.childForFieldName('left')?.id === read.id) {
    const right = parent.childForFieldName('right');
    if (right?.type === 'throw_expression') return { kind: 'none' };
    return right ? { kind: 'default', node: right } : undefined;
  }
  // What follows decides only with a default: a failure found there cannot be told from nothing found.
  const after = guardedIn(read) ?? assignedAfter(read);
  return after?.kind === 'default' ? after : undefined;
}

/** `Environment.GetEnvironmentVariable`, `System.Environment.…`, or a bare `GetEnvironmentVariable` (`using static System.Environment`). */
function isEnvironment(fn: Node | null): boolean {
  if (fn?.type === 'identifier') return true;
  const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
  return receiver?.text === 'Environment' || receiver?.text === 'System.Environment';
}

/**
 * A method, as its calls pass their arguments: an extension method (`this IConfiguration configuration`) is called
 * on its first parameter (`section.GetRequiredValue("Url")`), so its calls' arguments begin with the second.
 */
function extensionAware(fn: Node): FunctionSite | undefined {
  const site = fieldFunction(fn);
  const first = fn.childForFieldName('parameters')?.namedChildren.find((p) => p?.type === 'parameter');
  const extension = first?.namedChildren.some((c) => c?.type === 'modifier' && c.text === 'this') === true;
  return site && extension ? { ...site, params: site.params.slice(1), defaults: site.defaults?.slice(1) } : site;
}

function sites(root: Node): ReadSite[] {
  const names = configurationNames(root.tree.rootNode);
  return root.descendantsOfType(['invocation_expression', 'element_access_expression', 'member_access_expression']).flatMap((node) => {
    if (node === null) return [];
    const fn = node.childForFieldName('function');
    if (node.type === 'invocation_expression' && memberName(fn) === 'GetEnvironmentVariable' && isEnvironment(fn)) {
      const at = argumentsOf(node.childForFieldName('arguments'))[0];
      return at ? [{ key: at, via: 'Environment.GetEnvironmentVariable', fallback: around(node) ?? NONE }] : [];
    }
    // `Environment.GetEnvironmentVariables()`: every variable, as a dictionary.
    if (node.type === 'invocation_expression' && memberName(fn) === 'GetEnvironmentVariables' && isEnvironment(fn))
      return [{ key: node, via: 'Environment.GetEnvironmentVariables()', fallback: NONE, whole: true }];
    return configurationSite(node, names, key, () => around(node)) ?? [];
  });
}

/** How the read finder sees C#'s syntax (exported for the test that the `mayRead` gate skips only files without reads). */
export const csharpGrammar: ReadGrammar = {
  sites,
  // A read names the environment or configuration: a type, a receiver (`_config`, `builder.Configuration`) or a method.
  // `GetEnvironmentVariable` is in `GetEnvironmentVariables` too.
  mayRead: (text) => /GetEnvironmentVariable|GetConnectionString|config/i.test(text),
  functionTypes: ['method_declaration', 'local_function_statement'],
  functionOf: extensionAware,
  calls(root, wanted) {
    const names = configurationNames(root.tree.rootNode);
    return root.descendantsOfType('invocation_expression').flatMap((node) => {
      const fn = node?.childForFieldName('function') ?? null;
      const name = node && memberName(fn);
      if (!node || !name || !wanted(name)) return [];
      // Called on a section (an extension method of IConfiguration): the key is under it.
      const receiver = fn?.type === 'member_access_expression' ? fn.childForFieldName('expression') : null;
      const named = receiver ? under(sectionOf(receiver, names, key) ?? '') : undefined;
      return [{ name, args: argumentsOf(node.childForFieldName('arguments')), node, ...(named && { named }) }];
    });
  },
  key,
  isLiteral: (node) => LITERALS.has(node.type),
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  around,
  fails,
};

/** C#: `Environment.GetEnvironmentVariable`, .NET `IConfiguration` reads, options classes bound to a section, and wrappers and their wrappers. */
export const csharp: LanguageModule<'csharp'> = {
  id: 'csharp',
  extensions: ['.cs'],
  propertyFiles: DOTNET_SETTINGS_FILES,
  grammar: (_extension: string) => 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
  wrappers: (tree) => wrappersIn(csharpGrammar, tree.rootNode),
  chained: (tree, known) => chainedIn(csharpGrammar, tree.rootNode, known),
  declared: (tree) => optionsClasses(tree.rootNode, key),
  constants: (tree) => treeConstantsIn(csharpGrammar, tree.rootNode),
  reads: (tree, wrappers, declared, constants) => {
    const root = tree.rootNode;
    const start = (node: Node) => literalStart(csharpGrammar, node);
    const bound = declared && csharpGrammar.mayRead?.(root.text) ? optionsReads(root, configurationNames(root), key, declared, start) : [];
    // A key named by a constant of a class the tree declares (`GetConnectionString(Services.Database)`), in any file or
    // namespace, as C# names a constant of another class; C# writes them in PascalCase, not as constants elsewhere are.
    const grammar = declared ? { ...csharpGrammar, key: keyWith(key, declared) } : csharpGrammar;
    return [...readsIn(grammar, root, wrappers, undefined, constants), ...bound];
  },
};
