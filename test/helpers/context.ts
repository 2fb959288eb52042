import { makeFingerprinter, type Fingerprinter } from '../../lambdas/core/fingerprint';
import type { SourceLabel, SourceType } from '../../lambdas/core/model';
import { secretPolicy, type ParseContext } from '../../lambdas/core/sources/context';

/** The fixed fingerprint key every test uses, so fingerprints are stable across runs. */
export const testFingerprinter = (): Fingerprinter => makeFingerprinter(Buffer.alloc(32, 7));

/** A source label for tests: index 0, the given type. */
export const testLabel = (type: SourceType = 'file', label = `${type} (test)`, index = 0): SourceLabel => ({
  index,
  type,
  label,
});

/** A ParseContext with the test fingerprinter and the default secrecy policy plus `secretKeys`. */
export function testContext(label: SourceLabel = testLabel(), secretKeys: readonly string[] = []): ParseContext {
  return { source: label, fp: testFingerprinter(), isSecretKey: secretPolicy(new Set(secretKeys)) };
}
