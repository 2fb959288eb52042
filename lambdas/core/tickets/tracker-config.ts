import * as z from '../zod';
import { holdsSecretContent } from '../values/content-secrets';
import { TRACKER_KINDS, TRACKERS, type TrackerConfig, type TrackerConfigOf, type TrackerName } from './tracker-kinds';

export { DEFAULT_JIRA_PRIORITIES } from './trackers/jira';
export type { TrackerConfig } from './tracker-kinds';
export type GitHubConfig = TrackerConfigOf<'github'>;
export type JiraConfig = TrackerConfigOf<'jira'>;

const [first, ...rest] = TRACKERS.map((name) => TRACKER_KINDS[name].config);
export const trackerConfigSchema = z.discriminatedUnion('tracker', [first!, ...rest]);

const isTracker = (name: string): name is TrackerName => Object.hasOwn(TRACKER_KINDS, name);
const forms = TRACKERS.map((name) => TRACKER_KINDS[name].shorthand).join(', ');
const names = `${TRACKERS.slice(0, -1).join(', ')} or ${TRACKERS[TRACKERS.length - 1]}`;

/** Why an object names no tracker drift has, in words (zod says "Invalid discriminator value"); the name is not quoted: it may be a pasted token. */
function trackerProblem(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const tracker = (raw as Record<string, unknown>).tracker;
  if (tracker === undefined) return `"tracker" is missing (${names})`;
  return typeof tracker === 'string' && isTracker(tracker) ? undefined : `drift keeps tickets in ${names}`;
}

/** The short forms: `github:OWNER/REPO`, `jira:https://SITE.atlassian.net/PROJECT`. */
function shorthand(text: string): unknown {
  const colon = text.indexOf(':');
  // In any case, as every flag value (`GitHub:acme/api`); what follows keeps its own.
  const name = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  return isTracker(name) ? TRACKER_KINDS[name].fromShorthand(text.slice(colon + 1)) : { tracker: name };
}

/**
 * A tracker configuration from its short form, a JSON object (as text or parsed, e.g. from cdk.json)
 * with the optional settings; or why it is not one.
 */
export function parseTrackerConfig(value: unknown): { config: TrackerConfig } | { problem: string } {
  let raw = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{')) {
      try {
        raw = JSON.parse(text);
      } catch (err) {
        // Only the position: the engine's message quotes the text around it.
        const at = /at position (\d+)/.exec((err as Error).message)?.[1];
        return { problem: at === undefined ? 'is not JSON' : `is not JSON (at position ${at})` };
      }
    } else raw = shorthand(text);
  }
  const parsed = trackerConfigSchema.safeParse(raw);
  if (parsed.success) {
    // The configuration is kept in plain text (the template, the function's environment): a token put in any
    // of its fields (`?token=` on a URL, an issue type) would be kept with it. Named by field, never quoted.
    const holder = secretField(parsed.data);
    if (holder !== undefined) return { problem: `is not a tracker: ${holder} holds a credential (the token goes in the tickets secret)` };
    return { config: parsed.data as TrackerConfig };
  }
  const [issue] = parsed.error.issues;
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  const problem = trackerProblem(raw) ?? `${where}${issue?.message ?? 'invalid'}`;
  return { problem: `is not a tracker: ${problem} (write ${forms}, or a JSON object)` };
}

/** The path of the first text in `value` that holds a credential, or undefined. */
function secretField(value: unknown, at: string[] = []): string | undefined {
  if (typeof value === 'string') return holdsSecretContent(value, at.at(-1)) ? at.join('.') : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [name, inner] of Object.entries(value)) {
    const found = secretField(inner, [...at, name]);
    if (found !== undefined) return found;
  }
  return undefined;
}
