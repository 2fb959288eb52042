/**
 * The text of an integer a double cannot hold (past 2^53), exactly: `channel_id: 1234567890123456789`
 * is 1234567890123456789, as the applications that read it see it, not 1234567890123456800, which
 * would make two different IDs one value: the fast readers (resolvePlain, the JSON byte scan) and the
 * yaml package (EXACT_INTEGERS in on-demand/yaml-package.ts) read such integers through it.
 */
export function exactInteger(text: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isSafeInteger(value) ? BigInt(text).toString() : value;
}
