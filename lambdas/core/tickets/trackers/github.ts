import * as z from '../../zod';
import { jsonFields, trackerUrl } from './tracker-url';

/** GitHub Issues in one repository; `apiUrl` for GitHub Enterprise Server (`https://github.example.com/api/v3`). */
const config = z.strictObject({
  tracker: z.literal('github'),
  repo: z.string().check(z.regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'OWNER/REPOSITORY')),
  apiUrl: z.optional(trackerUrl),
});

export type GitHubCredentials = { tracker: 'github'; token: string };

export const GITHUB_TRACKER = {
  config,
  shorthand: 'github:OWNER/REPO',
  fromShorthand: (rest: string): unknown => ({ tracker: 'github', repo: rest }),
  credentials: {
    how: 'a GitHub token with Issues: read and write on the repository',
    /** What `drift tickets sync` asks DRIFT_TICKETS_TOKEN to hold. */
    asked: 'a GitHub token with Issues: read and write',
    /** `TOKEN` or `{"token": …}`. */
    parse(text: string): GitHubCredentials | undefined {
      const json = jsonFields(text);
      const token = json ? json.token : text;
      return typeof token === 'string' && /^\S{20,}$/.test(token) ? { tracker: 'github', token } : undefined;
    },
  },
};
