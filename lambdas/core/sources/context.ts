import type { Fingerprinter } from '../fingerprint';
import { looksSecret } from '../keys';
import type { SourceLabel } from '../model';

/** What every parser needs: which source it reads for, and how to make secrets safe at once. */
export interface ParseContext {
  source: SourceLabel;
  fp: Fingerprinter;
  /** True for keys that must be fingerprinted: declared `secret: true`, or named like a secret. */
  isSecretKey(canonicalKey: string): boolean;
}

/** The default secrecy policy: the baseline's `secret: true` keys plus secret-looking names. */
export function secretPolicy(declaredSecret: ReadonlySet<string>): (key: string) => boolean {
  return (key) => declaredSecret.has(key) || looksSecret(key);
}
