/**
 * The wait an HTTP `Retry-After` header asks for, in milliseconds: seconds, or an HTTP date (against
 * `now`, epoch ms); never negative. Undefined when there is none or it cannot be read: each caller
 * has its own default (Slack's pacing, Jira's minute, GitHub's other headers).
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
