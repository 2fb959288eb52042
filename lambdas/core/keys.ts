const isSeparator = (c: number): boolean => c === 47 || c === 46 || c === 95 || c === 45; // / . _ -

/** Canonical key: lowercase, split on any run of `/ . _ -`, joined with `.`. */
export function canonicalKey(raw: string): string {
  // A hot path (a million keys in a big audit): one pass, no intermediate arrays.
  const lower = raw.toLowerCase();
  let out = '';
  let start = -1;
  let pendingDot = false;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 47;
    if (isSeparator(c)) {
      if (start >= 0) {
        out += (pendingDot ? '.' : '') + lower.slice(start, i);
        pendingDot = true;
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  return out;
}

// The spec's globs `*password*`, `*secret*`, `*token*`, `*api.key*`, `*private.key*` on canonical keys.
const SECRET_WORDS = ['password', 'secret', 'token', 'api.key', 'private.key'];
// One pass over the key for all words: it is asked of every key read.
const SECRET_NAME = new RegExp(SECRET_WORDS.map((w) => w.replace(/\./g, '\\.')).join('|'));

/** Keys whose names say they hold a secret are fingerprinted by default. */
export function looksSecret(key: string): boolean {
  return SECRET_NAME.test(key);
}

export const RUNTIME_PREFIX = 'runtime.';
export const isRuntimeKey = (key: string): boolean => key.startsWith(RUNTIME_PREFIX);
