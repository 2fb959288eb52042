import { lazily } from '../lazily';
import { encodedTexts } from './encoded-texts';
import { shannonEntropy } from './entropy';
import { globallyAllowed, ruleFinds } from './rule-match';
import { keywordIndex, type KeywordIndex } from './keyword-index';
import { SECRET_RULES, type SecretRule } from './secret-rules';
import { secretSpans } from './secret-spans';
import { replaceSpans, type Span } from './url-secrets';

// One pass over a text for all keywords, so the common value (or key) costs no more. Built on first
// use, so a command that judges no value (`--version`, a usage error) does not pay for them.
const ALL = lazily((): KeywordIndex => keywordIndex(SECRET_RULES));
const BY_KEY = lazily((): KeywordIndex => keywordIndex(SECRET_RULES.filter((r) => r.keyed && r.keywords.length > 0)));

/**
 * True when one of gitleaks' rules finds a credential in `text` read on its own (a key, a token, a
 * webhook URL…), or in a text it encodes (base64, percent-encoding), where a URL's password or a
 * secret-named setting counts too: decoded, the credential would be whole.
 */
export function secretInText(text: string): boolean {
  if (ruleFindsIn(text)) return true;
  for (const decoded of encodedTexts(text)) if (ruleFindsIn(decoded) || secretSpans(decoded).length > 0) return true;
  return false;
}

function ruleFindsIn(text: string): boolean {
  // rulesFor alone: `any` first would read a text that holds a keyword (a URL's `api`) twice.
  for (const rule of ALL().rulesFor(text)) if (ruleFinds(rule, text)) return true;
  return false;
}

// Names whose high-entropy values are secrets: `*key*`, `*dsn*`, `*auth*`, `*credential*`…
const ENTROPY_NAME = /key|dsn|auth|cred|access|salt/;
const ENTROPY_BITS = 3.5; // gitleaks' generic-api-key threshold
const MIN_TOKEN_CHARS = 12;
// Tokens that are plainly something else: letters only (as gitleaks' generic rule allows), URLs
// (their passwords are masked in place), resource names, paths, host names, addresses, e-mail, references.
const NOT_A_TOKEN = [
  /\s/,
  /^[a-zA-Z_.-]+$/,
  /^[a-z][a-z0-9+.-]*:\/\//i,
  /^arn:/,
  /^[/~.]/,
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,}|\d{1,3})(?::\d{1,5})?$/i,
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/,
  // A placeholder naming another setting (`${spring.application.name}`), without a default that could be one.
  /^\$\{[\w.-]+\}$/,
];

/** A single token of high Shannon entropy, such as a key or a password, and not a URL, host or path. */
export function highEntropyToken(text: string): boolean {
  if (text.length < MIN_TOKEN_CHARS || NOT_A_TOKEN.some((re) => re.test(text))) return false;
  return shannonEntropy(text) > ENTROPY_BITS && !globallyAllowed(text);
}

/** What a key's name brings to the judging of its values. */
export interface KeyContext {
  /** Rules whose keyword is in the name and that can draw on it: tried on `name=value`. */
  rules: readonly SecretRule[];
  /** High-entropy values under this name are secrets. */
  entropy: boolean;
  /** `key=`: what the rules read before the value. */
  prefix: string;
}

/** The context a canonical key gives its values; undefined for the common key, which gives none. */
export function keyContext(key: string): KeyContext | undefined {
  const entropy = ENTROPY_NAME.test(key);
  const rules = BY_KEY().rulesFor(key);
  return entropy || rules.length ? { rules, entropy, prefix: `${key}=` } : undefined;
}

/** `text` without the passwords of its URLs: what the rules read, so a URL's password never makes the whole value secret. */
export const withoutUrlSecrets = (text: string, spans: readonly Span[] = secretSpans(text)): string =>
  spans.length ? replaceSpans(text, spans, () => '') : text;

/** True when `text` is a secret as the value of a key with context `c` (`RAW_KEY=value`, as in a config file). */
export function secretInContext(c: KeyContext, text: string): boolean {
  const seen = withoutUrlSecrets(text);
  if (c.entropy && highEntropyToken(seen)) return true;
  if (c.rules.length === 0) return false;
  const fragment = c.prefix + seen;
  for (const rule of c.rules) if (ruleFinds(rule, fragment, seen)) return true;
  return false;
}

/**
 * What a key's name says of its values: `true` when it is secret (by the estate's policy), its
 * context when the name brings rules that judge each text, `false` when the text decides alone.
 */
export type KeySecrecy = boolean | KeyContext;

/** The KeySecrecy of `key` under the estate's name policy. */
export const keySecrecy = (key: string, isSecretKey: (key: string) => boolean): KeySecrecy =>
  isSecretKey(key) || (keyContext(key) ?? false);

/** True when `text`'s content (under `key`, when given) is a secret or holds one: no plain copy of it may be kept. */
export function holdsSecretContent(text: string, key?: string): boolean {
  const c = key === undefined ? undefined : keyContext(key);
  if (c && secretInContext(c, text)) return true;
  return secretSpans(text).length > 0 || secretInText(text);
}
