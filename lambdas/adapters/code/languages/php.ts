import type { Node } from 'web-tree-sitter';
import { lazily } from '../../../core/lazily';
import type { LanguageModule, Wrapper } from '../language';
import { chainedIn } from '../wrapper-chains';
import { NONE, fieldFunction, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { outermost, plainString } from '../syntax';
import { around, fails } from './php-checks';
import { SYMFONY_PROPERTY_FILES, symfonyConfigAsPhp, symfonyEnvSites, symfonySecretLines } from './php-symfony';

const LITERALS = new Set(['integer', 'float', 'boolean', 'null', 'string']);
const CALLS = ['function_call_expression', 'member_call_expression', 'nullsafe_member_call_expression', 'scoped_call_expression'];
// $_SERVER also holds the request (CGI variables): those keys are no configuration.
const REQUEST =
  /^(HTTP_|REQUEST_|REMOTE_|SERVER_|SCRIPT_|PHP_|REDIRECT_|CONTENT_|ORIG_|AUTH_TYPE$|QUERY_STRING$|DOCUMENT_ROOT$|PATH_INFO$|PATH_TRANSLATED$|HTTPS$|GATEWAY_INTERFACE$|argv$|argc$)/;

// Laravel's `env('X', 'd')` helper: read as a wrapper of getenv when the scanned tree does not define `env` itself.
export const LARAVEL_ENV: Wrapper = { name: 'env', keyParam: 0, fallback: { kind: 'param', defaultParam: 1 }, wraps: 'env() (Laravel)' };

const key = (node: Node) => plainString(node, ['string', 'encapsed_string']);
const calledName = (call: Node) =>
  (call.childForFieldName(call.type === 'function_call_expression' ? 'function' : 'name')?.text ?? '').replace(/^.*\\/, '');
const argumentsOf = (call: Node) =>
  (call.childForFieldName('arguments')?.namedChildren ?? []).flatMap((a) =>
    a?.type === 'argument' && a.lastNamedChild ? [a.lastNamedChild] : [],
  );
const superglobal = (node: Node | null) =>
  node?.type === 'variable_name' && ['$_ENV', '$_SERVER'].includes(node.text) ? node.text : undefined;

// What Symfony Runtime sets itself before it calls the front controller's closure: APP_ENV (`dev`, or the
// committed .env's) and APP_DEBUG (from APP_ENV), as its Dotenv::bootEnv does.
const RUNTIME_SET = new Set(['APP_ENV', 'APP_DEBUG']);

/**
 * Whether a variable is the `array $context` of the closure a front controller hands Symfony Runtime
 * (`require_once …/autoload_runtime.php; return function (array $context) { … }`, public/index.php and bin/console):
 * the runtime passes `$_SERVER + $_ENV` there, after loading the committed `.env`.
 */
function runtimeContext(node: Node | null, loadsRuntime: () => boolean): boolean {
  if (node?.type !== 'variable_name' || node.text !== '$context') return false;
  let closure: Node | null = node.parent;
  while (closure !== null && closure.type !== 'anonymous_function' && closure.type !== 'arrow_function') closure = closure.parent;
  if (closure?.parent?.type !== 'return_statement' || closure.parent.parent?.type !== 'program') return false;
  if (!loadsRuntime()) return false;
  return (closure.childForFieldName('parameters')?.namedChildren ?? []).some(
    (p) =>
      p?.type === 'simple_parameter' && p.childForFieldName('name')?.text === '$context' && p.childForFieldName('type')?.text === 'array',
  );
}

/** The fallback of an `$_ENV[…]` read: `isset($_ENV['X'])` is a presence test (the code has a path for absence). */
function arrayFallback(read: Node): SiteFallback {
  const call = outermost(read, ['parenthesized_expression', 'argument', 'arguments']).parent;
  if (call?.type === 'function_call_expression' && /^(isset|empty)$/.test(calledName(call))) return { kind: 'default' };
  return around(read) ?? NONE;
}

function sites(root: Node): ReadSite[] {
  return [...superglobalAndGetenvSites(root), ...symfonyEnvSites(root)];
}

function superglobalAndGetenvSites(root: Node): ReadSite[] {
  // Whether the file names autoload_runtime.php: read once, and only for a `$context[…]`.
  const loadsRuntime = lazily(() => root.text.includes('autoload_runtime'));
  return root.descendantsOfType(['subscript_expression', 'function_call_expression']).flatMap((node): ReadSite[] => {
    if (node === null) return [];
    if (node.type === 'subscript_expression') {
      const array = superglobal(node.namedChild(0));
      const at = node.namedChild(1);
      const name = at ? key(at) : undefined;
      if (at && name !== undefined && !REQUEST.test(name) && runtimeContext(node.namedChild(0), loadsRuntime)) {
        const fallback = RUNTIME_SET.has(name) ? { kind: 'default' as const } : arrayFallback(node);
        return [{ key: at, via: '$context[] (Symfony Runtime)', fallback, property: 'symfony' }];
      }
      if (!array || !at || REQUEST.test(name ?? '')) return [];
      return [{ key: at, via: `${array}[]`, fallback: arrayFallback(node) }];
    }
    // PHP's function names are case-insensitive.
    const fn = calledName(node).toLowerCase();
    if (fn !== 'getenv' && fn !== 'array_key_exists') return [];
    const [at, second] = argumentsOf(node);
    if (fn === 'getenv' && at) return [{ key: at, via: 'getenv', fallback: around(node, false) ?? NONE }];
    // `getenv()` with no name: every variable, as an array.
    if (fn === 'getenv') return [{ key: node, via: 'getenv()', fallback: NONE, whole: true }];
    const array = superglobal(second ?? null);
    return array && at ? [{ key: at, via: `array_key_exists(…, ${array})`, fallback: { kind: 'default' } }] : [];
  });
}

/** How the read finder sees PHP's syntax (exported for the test that the `mayRead` gate skips only files without reads). */
export const phpGrammar: ReadGrammar = {
  sites,
  mayRead: (text) => /getenv|_ENV|_SERVER|%env\(|autoload_runtime/i.test(text),
  functionTypes: ['function_definition', 'method_declaration'],
  functionOf: fieldFunction,
  calls: (root, wanted) =>
    root.descendantsOfType(CALLS).flatMap((node) => {
      const name = node ? calledName(node) : '';
      return node && wanted(name) ? [{ name, args: argumentsOf(node), node }] : [];
    }),
  key,
  isLiteral: (node) =>
    LITERALS.has(node.type) ||
    (node.type === 'encapsed_string' && node.namedChildren.every((n) => n?.type === 'string_content' || n?.type === 'escape_sequence')),
  reference: (node) => (node.type === 'variable_name' ? node.text : undefined),
  around,
  fails,
};

/** PHP: `getenv`, `$_ENV[]`, `$_SERVER[]` (not its request keys), Symfony Runtime's `$context[]`, Laravel's `env()`, Symfony's `%env(X)%` (in PHP and config/*.yaml), and wrappers and their wrappers. */
export const php: LanguageModule<'php'> = {
  id: 'php',
  // Symfony's config/*.yaml hold `%env(X)%` placeholders read as they are in PHP strings; its committed `.env` sets their defaults.
  extensions: ['.php', '.yaml', '.yml', '.env'],
  code: (text, file) => (file.endsWith('.php') ? text : symfonyConfigAsPhp(text, file)),
  secretLines: symfonySecretLines,
  propertyFiles: SYMFONY_PROPERTY_FILES,
  grammar: (_extension: string) => 'tree-sitter-php/tree-sitter-php.wasm',
  builtins: [LARAVEL_ENV],
  wrappers: (tree) => wrappersIn(phpGrammar, tree.rootNode),
  chained: (tree, known) => chainedIn(phpGrammar, tree.rootNode, known),
  reads: (tree, wrappers) => readsIn(phpGrammar, tree.rootNode, wrappers, php.builtins),
};
