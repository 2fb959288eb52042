import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, Wrapper } from '../language';
import { plainString } from '../syntax';
import { fallbackOf } from './python-settings';

/**
 * Flask's `app.config.from_prefixed_env()` loads every `FLASK_X` variable (or `PREFIX_X`) into `app.config['X']`:
 * the keys the code then reads from the app's config (`current_app.config['X']`, `app.config.get('X', d)`) are
 * those variables. What pass 1 hands on, as wrappers no call is named by: the prefixes the code loads, and the
 * config keys it sets otherwise (a default of such a read).
 */
const FLASK = 'flask app.config';
const VIA = 'app.config (from_prefixed_env)';

type Fact = { kind: 'prefix'; prefix: string } | { kind: 'set'; key: string };

const wrapperOf = (fact: Fact): Wrapper => ({ name: JSON.stringify(fact), keyParam: 0, fallback: { kind: 'none' }, wraps: FLASK });

/** Whether a wrapper is one of these facts, no function the code calls. */
export const isFlaskFact = (w: Wrapper): boolean => w.wraps === FLASK;

// Flask's own default configuration (Flask.default_config): an app's config has these keys unset.
const FLASK_DEFAULTS = new Set(
  [
    'DEBUG TESTING PROPAGATE_EXCEPTIONS SECRET_KEY SECRET_KEY_FALLBACKS PERMANENT_SESSION_LIFETIME USE_X_SENDFILE TRUSTED_HOSTS',
    'SERVER_NAME APPLICATION_ROOT SESSION_COOKIE_NAME SESSION_COOKIE_DOMAIN SESSION_COOKIE_PATH SESSION_COOKIE_HTTPONLY',
    'SESSION_COOKIE_SECURE SESSION_COOKIE_PARTITIONED SESSION_COOKIE_SAMESITE SESSION_REFRESH_EACH_REQUEST MAX_CONTENT_LENGTH',
    'MAX_FORM_MEMORY_SIZE MAX_FORM_PARTS SEND_FILE_MAX_AGE_DEFAULT TRAP_BAD_REQUEST_ERRORS TRAP_HTTP_EXCEPTIONS',
    'EXPLAIN_TEMPLATE_LOADING PREFERRED_URL_SCHEME TEMPLATES_AUTO_RELOAD MAX_COOKIE_SIZE PROVIDE_AUTOMATIC_OPTIONS',
  ]
    .join(' ')
    .split(' '),
);

// A config key as Flask keeps them: only upper-case names are loaded from objects and files.
const CONFIG_KEY = /^[A-Z][A-Z0-9_]*$/;
// An app's config (`app.config`, `current_app.config`, `self.app.config`, `flask_app.config`), not any object's.
const APP_CONFIG = /(?:^|[._])app\.config$/;

const key = (node: Node | null | undefined): string | undefined => (node ? plainString(node, ['string']) : undefined);

/** `X.config.method(…)`'s call, for an app's config. */
function configCall(call: Node, method: string): boolean {
  const fn = call.childForFieldName('function');
  return (
    fn?.type === 'attribute' &&
    fn.childForFieldName('attribute')?.text === method &&
    APP_CONFIG.test(fn.childForFieldName('object')?.text ?? '')
  );
}

/** Whether a subscript is what an assignment writes (`app.config['X'] = 1`), not a read. */
const written = (node: Node): boolean => node.parent?.type === 'assignment' && node.parent.childForFieldName('left')?.id === node.id;

/** The prefixes a file loads and the config keys it sets: `from_mapping(X=…)`, `update(X=…)`, `app.config['X'] = …`, a config class's `X = …`. */
export function flaskFacts(root: Node): Wrapper[] {
  if (!root.text.includes('config')) return [];
  const facts: Fact[] = [];
  for (const call of root.descendantsOfType('call')) {
    if (!call) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null) ?? [];
    if (configCall(call, 'from_prefixed_env')) {
      const named = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'prefix');
      const given = named ? named.childForFieldName('value') : args.find((a) => a.type !== 'keyword_argument');
      facts.push({ kind: 'prefix', prefix: (given ? key(given) : 'FLASK') ?? 'FLASK' });
    }
    if (configCall(call, 'from_mapping') || configCall(call, 'update') || configCall(call, 'setdefault')) {
      for (const a of args) {
        const name = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : key(a);
        if (name && CONFIG_KEY.test(name)) facts.push({ kind: 'set', key: name });
        for (const pair of a.type === 'dictionary' ? a.namedChildren : []) {
          const k = key(pair?.childForFieldName('key'));
          if (k && CONFIG_KEY.test(k)) facts.push({ kind: 'set', key: k });
        }
      }
    }
  }
  for (const subscript of root.descendantsOfType('subscript')) {
    const k = subscript && written(subscript) ? key(subscript.childForFieldName('subscript')) : undefined;
    if (subscript && k && APP_CONFIG.test(subscript.childForFieldName('value')?.text ?? '')) facts.push({ kind: 'set', key: k });
  }
  // A class's upper-case attributes: what `from_object(Config)` sets.
  for (const body of root.descendantsOfType('class_definition').map((c) => c?.childForFieldName('body'))) {
    for (const statement of body?.namedChildren ?? []) {
      const left = statement?.type === 'expression_statement' ? statement.namedChildren[0]?.childForFieldName('left') : undefined;
      if (left?.type === 'identifier' && CONFIG_KEY.test(left.text)) facts.push({ kind: 'set', key: left.text });
    }
  }
  return facts.map(wrapperOf);
}

/** The reads of an app's config keys, each of the variable every prefix the scan loads gives it. */
export function flaskConfigReads(root: Node, wrappers: ReadonlyMap<string, Wrapper>): FoundRead[] {
  const facts = [...wrappers.values()].filter(isFlaskFact).map((w) => JSON.parse(w.name) as Fact);
  const prefixes = [...new Set(facts.flatMap((f) => (f.kind === 'prefix' ? [f.prefix] : [])))];
  if (prefixes.length === 0 || !root.text.includes('config')) return [];
  const set = new Set(facts.flatMap((f) => (f.kind === 'set' ? [f.key] : [])));
  const otherwise = (name: string): ReadFallback => (set.has(name) || FLASK_DEFAULTS.has(name) ? { kind: 'default' } : { kind: 'none' });
  const reads: { at: Node; name: string; fallback: ReadFallback }[] = [];
  for (const subscript of root.descendantsOfType('subscript')) {
    const at = subscript?.childForFieldName('subscript');
    const name = key(at);
    if (!subscript || !at || !name || written(subscript) || !APP_CONFIG.test(subscript.childForFieldName('value')?.text ?? '')) continue;
    reads.push({ at, name, fallback: otherwise(name) });
  }
  for (const call of root.descendantsOfType('call')) {
    if (!call || !configCall(call, 'get')) continue;
    const [at, given] = call.childForFieldName('arguments')?.namedChildren ?? [];
    const name = key(at);
    if (!at || !name) continue;
    // `get('X', None)` is `get('X')`.
    const passed = given && given.type !== 'keyword_argument' && given.type !== 'none' ? given : undefined;
    reads.push({ at, name, fallback: passed ? fallbackOf(passed) : otherwise(name) });
  }
  return reads
    .filter((r) => CONFIG_KEY.test(r.name))
    .sort((a, b) => a.at.startIndex - b.at.startIndex)
    .flatMap((r) => prefixes.map((prefix) => ({ name: `${prefix}_${r.name}`, at: r.at, via: VIA, fallback: r.fallback })));
}
