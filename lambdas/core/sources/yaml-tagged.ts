/**
 * YAML's explicit tags (`!!binary`, `!!timestamp`, `!!set`, `!!omap`) give bytes, dates, sets and
 * maps where every other value of a configuration document is plain data. Walked as objects they
 * have no keys (a date, a set, a map: the key vanishes) or one per byte (bytes: a finding each, and
 * a credential in them shown as numbers that no content rule recognises).
 */

/** Bytes as the text they hold when they are UTF-8, else as base64. */
function bytesText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
}

/** The plain data (text, array, record) a tagged value stands for; any other value as it is. */
export function plainData(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (node instanceof Uint8Array) return bytesText(node);
  if (node instanceof Date) return Number.isNaN(node.getTime()) ? String(node) : node.toISOString();
  if (node instanceof Set) return [...node];
  if (node instanceof Map) return Object.fromEntries([...node].map(([k, v]) => [String(k), v]));
  return node;
}
