import type { Baseline, EnvironmentSpec } from '../estate/model';
import type { Fingerprinter } from '../fingerprint';
import { isRuntimeKey, looksSecret } from '../keys';
import type { SourceLabel } from '../model';
import type { Value } from '../values/value';
import type { ByteKeys } from './byte-spellings';
import { plainInterner, type KeyValueInterner } from './interner';

/** What every parser needs: which source it reads for, and how to make secrets safe at once. */
export interface ParseContext {
  source: SourceLabel;
  fp: Fingerprinter;
  /** True for keys that must be fingerprinted: declared `secret: true`, or named like a secret. */
  isSecretKey(canonicalKey: string): boolean;
  /** Shares equal keys and values across the sources of one audit (`Interner.forSource`); plainInterner without. */
  intern?: KeyValueInterner;
  /** Keys the baseline declares `type: json`: a configuration file's mapping there is one value, its JSON text. */
  jsonKeys?: ReadonlySet<string>;
  /** Where the estate says the source's environment lives (its `region` and `account`), for what the source's own documents do not say. */
  environment?: Pick<EnvironmentSpec, 'region' | 'account'>;
}

/** The keys a baseline declares `type: json`; undefined when there are none (files are flattened all the way). */
export function baselineJsonKeys(baseline: Pick<Baseline, 'keys'>): ReadonlySet<string> | undefined {
  const keys = new Set([...baseline.keys.values()].filter((k) => k.type === 'json').map((k) => k.key));
  return keys.size ? keys : undefined;
}

/** True when `key` or one of its ancestors (`payment.credentials` of `payment.credentials.pass`) is in `declared`. */
function underDeclared(declared: ReadonlySet<string>, key: string): boolean {
  if (declared.size === 0) return false;
  if (declared.has(key)) return true;
  for (let dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) if (declared.has(key.slice(0, dot))) return true;
  return false;
}

/**
 * The default secrecy policy by name: the baseline's `secret: true` keys and everything under them,
 * plus secret-looking names but those declared `secret: false` (`declaredPlain`); with
 * `undeclaredExcept` (the keys the baseline declares), every other key but `runtime.*` too.
 */
export function secretPolicy(
  declaredSecret: ReadonlySet<string>,
  undeclaredExcept?: { has(key: string): boolean },
  declaredPlain: ReadonlySet<string> = new Set(),
): (key: string) => boolean {
  const byName = (key: string): boolean => underDeclared(declaredSecret, key) || (looksSecret(key) && !declaredPlain.has(key));
  if (undeclaredExcept) return (key) => byName(key) || (!undeclaredExcept.has(key) && !isRuntimeKey(key));
  return byName;
}

/** The keys a baseline declares `secret: true` and those it declares `secret: false`. */
export function declaredSecrecy(baseline: Pick<Baseline, 'keys'>): { secret: Set<string>; plain: Set<string> } {
  const specs = [...baseline.keys.values()];
  return {
    secret: new Set(specs.filter((k) => k.secret).map((k) => k.key)),
    plain: new Set(specs.filter((k) => k.notSecret).map((k) => k.key)),
  };
}

/** The estate's secrecy policy by name: `secret: true` keys, secret-looking names not declared `secret: false`, and with `secrets.undeclared`, every undeclared key. */
export function baselineSecretPolicy(baseline: Pick<Baseline, 'keys' | 'undeclaredSecret'>): (key: string) => boolean {
  const declared = declaredSecrecy(baseline);
  return secretPolicy(declared.secret, baseline.undeclaredSecret ? baseline.keys : undefined, declared.plain);
}

/** The canonical key of a spelling a source read, shared through the context's interner. */
export const keyOf = (ctx: ParseContext, raw: string): string => (ctx.intern ?? plainInterner).key(raw);

/** The spelling a source read, as it was read: one copy shared between environments that spell it alike. */
export const spellingOf = (ctx: ParseContext, raw: string): string => (ctx.intern ?? plainInterner).spelling(raw);

/** The interner's number of a `key` keyOf gave (Observation.keyId); undefined without one. */
export const keyIdOf = (ctx: ParseContext, key: string): number | undefined => ctx.intern?.keyId(key);

/** Where a scanner numbers dotted keys from their bytes (KeyValueInterner.byteKeys); none where nothing is shared. */
export const byteKeysOf = (ctx: ParseContext): ByteKeys | undefined => ctx.intern?.byteKeys();

/** `prefix + raw`, where a source read a spelling: one copy shared between environments that place it alike. */
export const locatedOf = (ctx: ParseContext, prefix: string, raw: string): string => (ctx.intern ?? plainInterner).located(prefix, raw);

/**
 * The value a source read for `key`: fingerprinted if secret by its name or its content (see
 * makeValue), else shared when short. What the name says is remembered by the interner; a text is
 * judged once per distinct text, and under a name that brings rules of its own (`*key*`, …) once
 * per key and text. In any order of calls, it is what plainInterner makes of it.
 */
export function valueOf(ctx: ParseContext, key: string, text: string): Value {
  const intern = ctx.intern ?? plainInterner;
  const secrecy = intern.secrecy(key, ctx.isSecretKey);
  if (secrecy === true || (secrecy !== false && intern.secretInContext(key, secrecy, text))) return intern.secret(key, text, ctx.fp);
  return intern.text(key, text, ctx.fp);
}

/** `makeValue(text, true, fp)` for a value a source holds as a secret under `key`: one fingerprint per key and text a run. */
export const secretValueOf = (ctx: ParseContext, key: string, text: string): Value =>
  (ctx.intern ?? plainInterner).secret(key, text, ctx.fp);
