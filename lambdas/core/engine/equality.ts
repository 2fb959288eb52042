import type { Estate, KeySpec } from '../estate/model';
import { runtimeKeyType } from '../runtime-keys';
import { commonType, jsonDigest, parseTyped, writtenType, type ValueType } from '../values/types';
import type { Value } from '../values/value';

/**
 * What equality compares: the typed canonical form of a text, the digest of a large value, the
 * fingerprint of a secret, a masked text with its fingerprints, the target of an unresolved
 * reference; `undefined` when it cannot be known (an unreadable value), which takes no part in comparisons.
 */
export function identity(v: Value, type: ValueType | undefined): string | undefined {
  switch (v.kind) {
    case 'text': {
      if (!type || type === 'string') return `s:${v.text}`;
      // JSON compares by its canonical digest, which is all a large value keeps: short and large compare alike.
      if (type === 'json') {
        const digest = jsonDigest(v.text);
        return digest === undefined ? `s:${v.text}` : `j:${digest}`;
      }
      const parsed = parseTyped(type, v.text);
      return parsed.ok ? `t:${parsed.canonical}` : `s:${v.text}`;
    }
    case 'large':
      return type === 'json' && v.json !== undefined ? `j:${v.json}` : `h:${v.digest}`;
    case 'secret':
      return `f:${v.fingerprint}`;
    case 'masked': {
      // The text holds each hidden part's full fingerprint: different passwords never compare equal.
      // The rest of a URL compares as a URL, so a masked password leaves `/` and host case equal.
      const parsed = type === 'url' ? parseTyped(type, v.text) : undefined;
      return `m:${parsed?.ok ? parsed.canonical : v.text}`;
    }
    case 'ref':
      return `r:${v.target}`;
    case 'opaque':
      return undefined;
  }
}

/** The declared type of a key, its built-in type for `runtime.*`, else none. */
export const declaredType = (key: string, spec: KeySpec | undefined): ValueType | undefined => spec?.type ?? runtimeKeyType(key);

/** A key's declared type, where it has one. */
export type KeyType = (key: string) => ValueType | undefined;

/** Each key's declared type in `estate`'s baseline (see declaredType). */
export const keyType =
  (estate: Pick<Estate, 'baseline'>): KeyType =>
  (key) =>
    declaredType(key, estate.baseline.keys.get(key));

/** The type to compare several values of one key by: declared, else inferred from how they are written. */
export function comparisonType(key: string, spec: KeySpec | undefined, values: readonly Value[]): ValueType | undefined {
  const declared = declaredType(key, spec);
  if (declared) return declared;
  const texts: string[] = [];
  // A masked text (a URL with its password hidden) is written like the value: it is typed the same way.
  for (const v of values) if (v.kind === 'text' || v.kind === 'masked') texts.push(v.text);
  if (texts.length !== values.length || texts.length < 2) return undefined;
  const common = commonType(texts);
  // An undeclared `1.10` may be a version as well as a number: written so, only the same spelling agrees.
  return common === 'number' && texts.some((t) => writtenType(t) === 'string') ? 'string' : common;
}

/** Equality of two values under a type; `undefined` when either cannot be known. */
export function sameValue(a: Value, b: Value, type: ValueType | undefined): boolean | undefined {
  const x = identity(a, type);
  const y = identity(b, type);
  return x === undefined || y === undefined ? undefined : x === y;
}
