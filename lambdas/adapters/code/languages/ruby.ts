import { treeConstantsIn } from '../file-constants';
import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { chainedIn } from '../wrapper-chains';
import { NONE, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { parameterDefault, plainString } from '../syntax';
import { erbRuby, erbSecretLines, withoutDevAndTestSections } from './erb';
import { around, raises } from './ruby-checks';

const LITERALS = new Set(['integer', 'float', 'true', 'false', 'nil', 'simple_symbol']);
const PRESENCE = new Set(['key?', 'has_key?', 'include?', 'member?']);

const isEnv = (node: Node | null) => node !== null && (node.text === 'ENV' || node.text === '::ENV');
const argumentsOf = (list: Node | null) =>
  (list?.namedChildren ?? []).filter((n): n is Node => n !== null && !['pair', 'block_argument', 'hash_splat_argument'].includes(n.type));

/** What `ENV.fetch('X')` falls back to: its second argument, its block's value, or nothing (it raises KeyError). */
function fetchFallback(call: Node, given: Node | undefined): SiteFallback {
  // `ENV.fetch('X', nil)`, `ENV.fetch('X') { nil }`: nothing when unset, as `ENV['X']`.
  if (given !== undefined) return given.type === 'nil' ? NONE : { kind: 'default', node: given };
  const block = call.childForFieldName('block');
  const value = block?.childForFieldName('body')?.lastNamedChild ?? undefined;
  if (block === null) return NONE;
  return value && (raises(value) || value.type === 'nil') ? NONE : { kind: 'default', node: value };
}

// ENV's methods that go through all of it.
const WHOLE =
  /^(to_h|to_hash|to_a|each|each_pair|each_key|each_value|select|filter|reject|filter_map|map|keys|values|except|find_all|find|detect|any\?|all\?|count|key|invert|rassoc|sort_by|group_by|partition)$/;

function sites(root: Node): ReadSite[] {
  return root.descendantsOfType(['element_reference', 'call']).flatMap((node): ReadSite[] => {
    if (node === null) return [];
    if (node.type === 'element_reference') {
      const at = node.namedChildren[1];
      return isEnv(node.childForFieldName('object')) && at ? [{ key: at, via: 'ENV[]', fallback: around(node) ?? NONE }] : [];
    }
    if (!isEnv(node.childForFieldName('receiver'))) return [];
    const method = node.childForFieldName('method')?.text ?? '';
    // `ENV.to_h`, `ENV.each`, `ENV.select { … }`: every variable.
    if (WHOLE.test(method)) return [{ key: node, via: `ENV.${method}`, fallback: NONE, whole: true }];
    const [at, given] = argumentsOf(node.childForFieldName('arguments'));
    if (!at) return [];
    if (method === 'fetch') return [{ key: at, via: 'ENV.fetch', fallback: fetchFallback(node, given) }];
    // A presence test reads the key, and the code has a path for its absence.
    return PRESENCE.has(method) ? [{ key: at, via: `ENV.${method}`, fallback: { kind: 'default' } }] : [];
  });
}

/** How the read finder sees Ruby's syntax (exported for the test that the `mayRead` gate skips only files without reads). */
export const rubyGrammar: ReadGrammar = {
  sites,
  mayRead: (text) => text.includes('ENV'),
  functionTypes: ['method', 'singleton_method'],
  functionOf: (fn) => {
    const name = fn.childForFieldName('name')?.text;
    const body = fn.childForFieldName('body');
    const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((p) =>
      p?.type === 'identifier' ? p.text : (p?.childForFieldName('name')?.text ?? ''),
    );
    const defaults = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((p) => parameterDefault(p));
    return name && body ? { name, params, defaults, body } : undefined;
  },
  calls: (root, wanted) =>
    root.descendantsOfType('call').flatMap((node) => {
      const name = node?.childForFieldName('method')?.text;
      return node && name && wanted(name) ? [{ name, args: argumentsOf(node.childForFieldName('arguments')), node }] : [];
    }),
  key: (node) => plainString(node, ['string']),
  isLiteral: (node) => LITERALS.has(node.type) || (node.type === 'string' && !node.namedChildren.some((n) => n?.type === 'interpolation')),
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  around,
  fails: raises,
};

// Rails loads config/environments/NAME.rb only under RAILS_ENV=NAME: development's runs on a developer's machine, test's under
// the tests, never where the application is deployed (as Symfony's config/packages/dev and test, which the PHP reader leaves out).
const RAILS_DEV_OR_TEST = /(?:^|\/)config\/environments\/(?:development|test)\.rb$/;
// Rails' YAML configuration, one section per environment: config/database.yml, cable.yml, the files `config_for` reads.
const RAILS_CONFIG_YAML = /(?:^|\/)config\/[^/]+\.ya?ml$/;

/** Ruby: `ENV[]`, `ENV.fetch` (with a default, a block, or raising), `ENV.key?`, and wrappers and their wrappers. */
export const ruby: LanguageModule<'ruby'> = {
  id: 'ruby',
  // Rake tasks (`lib/tasks/*.rake`) are Ruby and run where the application runs (migrations, jobs); Rails reads
  // `config/*.yml` (database, storage, cable) and renders views through ERB, whose tags are Ruby.
  extensions: ['.rb', '.rake', '.erb', '.yml', '.yaml'],
  code: (text, file) => {
    if (RAILS_DEV_OR_TEST.test(file)) return undefined;
    if (file.endsWith('.rb') || file.endsWith('.rake')) return text;
    return erbRuby(RAILS_CONFIG_YAML.test(file) ? withoutDevAndTestSections(text) : text);
  },
  secretLines: erbSecretLines,
  grammar: (_extension: string) => 'tree-sitter-ruby/tree-sitter-ruby.wasm',
  wrappers: (tree) => wrappersIn(rubyGrammar, tree.rootNode),
  chained: (tree, known) => chainedIn(rubyGrammar, tree.rootNode, known),
  constants: (tree) => treeConstantsIn(rubyGrammar, tree.rootNode),
  reads: (tree, wrappers, _declared, constants) => readsIn(rubyGrammar, tree.rootNode, wrappers, undefined, constants),
};
