import type { Fingerprinter } from '../fingerprint';
import { canonicalKey, looksSecret } from '../keys';
import type { SourceLabel } from '../model';
import { makeValue, type Value } from '../values/value';
import { MAX_SHARED_TEXT, type KeyValueInterner } from './interner';

/** What every parser needs: which source it reads for, and how to make secrets safe at once. */
export interface ParseContext {
  source: SourceLabel;
  fp: Fingerprinter;
  /** True for keys that must be fingerprinted: declared `secret: true`, or named like a secret. */
  isSecretKey(canonicalKey: string): boolean;
  /** Shares equal keys and values across the sources of one audit; optional, as it only saves memory. */
  intern?: KeyValueInterner;
}

/** The default secrecy policy: the baseline's `secret: true` keys plus secret-looking names. */
export function secretPolicy(declaredSecret: ReadonlySet<string>): (key: string) => boolean {
  return (key) => declaredSecret.has(key) || looksSecret(key);
}

/** The canonical key of a spelling a source read, shared through the context's interner. */
export const keyOf = (ctx: ParseContext, raw: string): string => (ctx.intern ? ctx.intern.key(raw) : canonicalKey(raw));

/** The spelling of the key last given to keyOf, one copy shared between environments that spell it alike. */
export const spellingOf = (ctx: ParseContext, raw: string): string => (ctx.intern ? ctx.intern.spelling(raw) : raw);

/** The value a source read for `key`: fingerprinted if secret (see makeValue), else shared when short. */
export function valueOf(ctx: ParseContext, key: string, text: string): Value {
  const secret = ctx.intern ? ctx.intern.secret(key, ctx.isSecretKey) : ctx.isSecretKey(key);
  if (!secret && ctx.intern && text.length <= MAX_SHARED_TEXT) return ctx.intern.text(text);
  return makeValue(text, secret, ctx.fp);
}
