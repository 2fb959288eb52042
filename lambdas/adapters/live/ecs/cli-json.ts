/**
 * An SDK response as the AWS CLI prints it: dates as ISO-8601 text, no `$metadata`, no undefined
 * fields. The parser reads these documents exactly as it reads the recorded ones.
 */
export function toCliJson(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toCliJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key !== '$metadata' && v !== undefined) out[key] = toCliJson(v);
    }
    return out;
  }
  return value;
}
