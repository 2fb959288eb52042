/**
 * Whether an EventBridge event matches a pattern of the forms drift's rules use: each leaf a list of
 * exact strings, each object a nested match. Any other form (prefix, anything-but, exists, numeric)
 * throws, so a test never passes on a pattern this helper does not understand.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) throw new Error(`unsupported pattern ${JSON.stringify(pattern)}`);
  const at = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  return Object.entries(pattern as Record<string, unknown>).every(([field, want]) => {
    if (Array.isArray(want)) {
      if (!want.every((w) => typeof w === 'string')) throw new Error(`unsupported pattern values ${JSON.stringify(want)}`);
      const got = at[field];
      return Array.isArray(got) ? got.some((g) => want.includes(g)) : want.includes(got as string);
    }
    return matchesPattern(want, at[field]);
  });
}
