/** Severities, most severe first. The one list every output ranks by. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Higher is more severe. */
export const severityRank = (s: Severity): number => RANK[s];

export const isSeverity = (s: unknown): s is Severity => typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);

/** The more severe of two. */
export const higherOf = (a: Severity, b: Severity): Severity => (RANK[b] > RANK[a] ? b : a);

/** True when `s` is at or above `threshold`. */
export const atLeast = (s: Severity, threshold: Severity): boolean => RANK[s] >= RANK[threshold];
