const SEPARATORS = /[/._-]+/;

/** Canonical key: lowercase, split on any run of `/ . _ -`, joined with `.`. */
export function canonicalKey(raw: string): string {
  return raw.toLowerCase().split(SEPARATORS).filter(Boolean).join('.');
}

/** Strips an SSM source's `path` prefix from a parameter name, then canonicalises. */
export function canonicalSsmKey(name: string, path: string): string {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return canonicalKey(name.startsWith(prefix) ? name.slice(prefix.length) : name);
}

// The spec's globs `*password*`, `*secret*`, `*token*`, `*api.key*`, `*private.key*` on canonical keys.
const SECRET_WORDS = ['password', 'secret', 'token', 'api.key', 'private.key'];

/** Keys whose names say they hold a secret are fingerprinted by default. */
export function looksSecret(key: string): boolean {
  return SECRET_WORDS.some((w) => key.includes(w));
}

export const RUNTIME_PREFIX = 'runtime.';
export const isRuntimeKey = (key: string): boolean => key.startsWith(RUNTIME_PREFIX);
