// `:` is .NET's path separator (`Logging:LogLevel:Default`, as IConfiguration and `dotnet user-secrets` spell it).
const isSeparator = (c: number): boolean => c === 47 || c === 46 || c === 95 || c === 45 || c === 58; // / . _ - :
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const joinWord = (out: string, raw: string, start: number, end: number): string =>
  (out ? `${out}.` : '') + raw.slice(start, end).toLowerCase();
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether the `s` at `at` ends its word (`IPs` in `allowedIPs`, `URLsByRegion`): a plural, not a word of its own. */
const pluralEnd = (raw: string, at: number): boolean => {
  if (raw.charCodeAt(at) !== 115) return false;
  const after = at + 1 < raw.length ? raw.charCodeAt(at + 1) : 47;
  return !isLower(after);
};

/**
 * Canonical key: lowercase, split on any run of `/ . _ - :` and where camelCase starts a word, joined
 * with `.`. camelCase splits as Spring's relaxed binding reads it, so `retryLimit`, `retry-limit`,
 * `RETRY_LIMIT` and `retry.limit` are one key; an acronym stays a word (`HTTPServer` is
 * `http.server`), and an all-capitals name has no camelCase to split. A key of blanks only is empty.
 * Half a surrogate pair is written as its escape (`\ud800`).
 */
export function canonicalKey(raw: string): string {
  // A hot path (a million keys in a big audit): one pass, no intermediate arrays.
  let out = '';
  let start = -1;
  let wordHasLower = false;
  let surrogates = false;
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : 47;
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    if (isSeparator(c)) {
      if (start >= 0) out = joinWord(out, raw, start, i);
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      wordHasLower = isLower(c);
      continue;
    }
    if (!isUpper(c)) {
      if (isLower(c)) wordHasLower = true;
      continue;
    }
    const prev = raw.charCodeAt(i - 1);
    // `retryLimit`: a capital after a small letter starts a word; `oauth2Client`, `HTTP2Server`: so does
    // one after a digit in a camelCase word or before a small letter, but not in `K8S` or `B2B`;
    // `HTTPServer`: so does the last capital of a run when a small letter follows it, unless that letter is
    // the plural `s` ending the word: `allowedIPs` is `allowed.ips`, as `ALLOWED_IPS` is.
    const next = i + 1 < raw.length ? raw.charCodeAt(i + 1) : 47;
    const afterDigit = isDigit(prev) && (wordHasLower || isLower(next));
    if (isLower(prev) || afterDigit || (isUpper(prev) && isLower(next) && !pluralEnd(raw, i + 1))) {
      out = joinWord(out, raw, start, i);
      start = i;
      wordHasLower = false;
    }
  }
  // A key of blanks only (`" "`, `" . "`) names nothing: it is empty, as `/_-.` is.
  if (out !== '' && WHITESPACE.test(out.charAt(0)) && !/[^\s.]/.test(out)) return '';
  return surrogates ? withoutLoneSurrogates(out) : out;
}

/**
 * Half a surrogate pair (a JSON or YAML `\uD800` escape) written as that escape, as drift shows it:
 * UTF-8, every hash and DynamoDB read each as U+FFFD, so `a\uD800` and `a\uD801` would be one finding
 * id and one stored item for two keys.
 */
const withoutLoneSurrogates = (key: string): string => key.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

const WHITESPACE = /\s/;

// The spec's globs `*password*`, `*secret*`, `*token*`, `*api.key*`, `*private.key*` on canonical keys,
// and other words that name a credential. Not `auth` alone: `auth.enabled` and `oauth.issuer.url`
// are settings (a high-entropy value under such a name is judged by its content instead).
const SECRET_WORDS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'creds',
  'api.key',
  'private.key',
  'access.key',
  'signing.key',
  'encryption.key',
  'master.key',
];
// One pass over the key for all words: it is asked of every key read. The short forms of password
// (`DB_PASS`, `SMTP_PWD`) name one only as the key's last word: `pass.through.headers` and `bypass` do not.
const SECRET_NAME = new RegExp(`${SECRET_WORDS.map((w) => w.replace(/\./g, '\\.')).join('|')}|(?:^|\\.)(?:pass|pwd|pw)$`);

/** Keys whose names say they hold a secret are fingerprinted by default. */
export function looksSecret(key: string): boolean {
  return SECRET_NAME.test(key);
}

/** Whether a name as the code spells it (`DBPassword`, `--api-token`, `db_password`) says it holds a secret. */
export const namedSecret = (name: string): boolean => looksSecret(canonicalKey(name));

export const RUNTIME_PREFIX = 'runtime.';
export const isRuntimeKey = (key: string): boolean => key.startsWith(RUNTIME_PREFIX);
