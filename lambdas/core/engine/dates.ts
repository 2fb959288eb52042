/** YYYY-MM-DD of an instant, in UTC. */
export const utcDate = (at: Date): string => at.toISOString().slice(0, 10);

/** A YYYY-MM-DD date `days` later. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return utcDate(d);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** How long an exception still holds, said for people: `in 3 days`, `in 1 day`, `its last day` (expiry is inclusive: `in 0 days` read as gone), and `already over` for a past date. */
export const expiresIn = (days: number): string =>
  days < 0 ? 'already over' : days === 0 ? 'its last day' : `in ${days} day${days === 1 ? '' : 's'}`;
