import { JiraClient } from '../../adapters/tickets/jira/jira-client';
import { JiraTracker } from '../../adapters/tickets/jira/jira-tracker';
import type { TrackerClient } from './tracker-client';

/** The Jira tracker on its REST client. */
export const jiraClient: TrackerClient<'jira'> = (config, credentials, timeoutMs) =>
  new JiraTracker(new JiraClient({ site: config.site, email: credentials.email, token: credentials.token, timeoutMs }), config);
