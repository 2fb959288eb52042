import * as z from '../../zod';
import { SEVERITIES, type Severity } from '../../severity';
import { jsonFields, trackerUrl } from './tracker-url';
import { withoutTrailingSlashes } from '../../trailing-slashes';

/** Jira priorities by severity when the configuration names none (Jira Cloud's default scheme). */
export const DEFAULT_JIRA_PRIORITIES: Readonly<Record<Severity, string>> = {
  critical: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Lowest',
};

/** Jira Cloud: one project of a site, the issue type tickets get, the transitions that close them, priorities by severity. */
const config = z.strictObject({
  tracker: z.literal('jira'),
  site: trackerUrl,
  project: z.string().check(z.regex(/^[A-Z][A-Z0-9_]+$/, 'a Jira project key (OPS)')),
  issueType: z._default(z.string().check(z.minLength(1)), 'Task'),
  closeTransition: z._default(z.string().check(z.minLength(1)), 'Done'),
  /** The transition for a finding set aside, not fixed (excused, its estate or environment removed): "Won't Do", say. */
  notPlannedTransition: z.optional(z.string().check(z.minLength(1))),
  priorities: z.pipe(
    z._default(z.partialRecord(z.enum(SEVERITIES), z.string().check(z.minLength(1))), {}),
    z.transform((p): Record<Severity, string> => ({ ...DEFAULT_JIRA_PRIORITIES, ...p })),
  ),
});

export type JiraCredentials = { tracker: 'jira'; email: string; token: string };

export const JIRA_TRACKER = {
  config,
  shorthand: 'jira:https://SITE.atlassian.net/PROJECT',
  fromShorthand(rest: string): unknown {
    // Cut the trimmed URL: a trailing slash is not part of the project key.
    const url = withoutTrailingSlashes(rest);
    const cut = url.lastIndexOf('/');
    return { tracker: 'jira', site: url.slice(0, cut), project: url.slice(cut + 1) };
  },
  credentials: {
    how: 'EMAIL:API_TOKEN of the Jira account drift acts as',
    /** What `drift tickets sync` asks DRIFT_TICKETS_TOKEN to hold. */
    asked: 'EMAIL:API_TOKEN of the Jira account',
    /** `EMAIL:API_TOKEN` or `{"email": …, "token": …}`. */
    parse(text: string): JiraCredentials | undefined {
      const json = jsonFields(text);
      const colon = text.indexOf(':');
      const [email, token] = json ? [json.email, json.token] : [text.slice(0, colon), text.slice(colon + 1)];
      if (typeof email !== 'string' || !/^[^\s:@]+@[^\s:@]+$/.test(email)) return undefined;
      return typeof token === 'string' && /^\S{8,}$/.test(token) ? { tracker: 'jira', email, token } : undefined;
    },
  },
};
