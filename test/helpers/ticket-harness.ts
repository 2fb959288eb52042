import { estateFrom } from './estate';
import { startGitHubServer, type GitHubServer } from './github-server';
import { startJiraServer, type JiraServer } from './jira-server';
import type { Estate } from '../../lambdas/core/estate/model';
import type { LifecycleEvent, LifecycleEventName } from '../../lambdas/core/lifecycle/model';
import { eventId } from '../../lambdas/core/lifecycle/plan-lifecycle';
import type { Finding } from '../../lambdas/core/model';
import { snsMessage } from '../../lambdas/core/notify/sns-message';
import type { Severity } from '../../lambdas/core/severity';
import { parseTrackerConfig } from '../../lambdas/core/tickets/tracker-config';
import type { TicketTracker } from '../../lambdas/ports/ticket-tracker';
import { makeTracker } from '../../lambdas/wiring/ticket-tracker';

/** A ticket as a test reads it back from either tracker. */
export interface SeenTicket {
  id: string;
  title: string;
  open: boolean;
  /** The severity it shows: GitHub's `severity:…` label, or Jira's priority mapped back. */
  severity: string | undefined;
  comments: string[];
  /** Everything the ticket says, as text (body and comments). */
  text: string;
  labels: string[];
}

/** A local tracker (GitHub or Jira on 127.0.0.1) with drift's real adapter on it, and a way to read what it holds. */
export interface TrackerHarness {
  name: 'github' | 'jira';
  tracker: TicketTracker;
  tickets(): SeenTicket[];
  /** The next `n` requests are refused with a rate limit asking to wait `seconds`. */
  rateLimitNext(n: number, seconds: number): void;
  setSearchLag(ms: number): void;
  /** Every request body the tracker received, as JSON text. */
  bodies(): string;
  close(): Promise<void>;
}

const PRIORITY_SEVERITY: Record<string, Severity> = { Highest: 'critical', High: 'high', Medium: 'medium', Low: 'low', Lowest: 'info' };

function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: string; content?: unknown[]; marks?: Array<{ attrs?: { href?: string } }> };
  const href = (n.marks ?? []).map((m) => m.attrs?.href ?? '').join(' ');
  return `${n.text ?? ''}${href ? ` ${href}` : ''}${(n.content ?? []).map(adfText).join(' ')}`;
}

/** GitHub Markdown as a reader sees its words: escapes and the zero-width breaks after `@`/`#` taken out. */
const readable = (markdown: string): string =>
  markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u200b/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export async function githubHarness(): Promise<TrackerHarness> {
  const gh: GitHubServer = await startGitHubServer({ token: 'ghp_harness_token_0123456789', owner: 'acme', repo: 'platform' });
  const parsed = parseTrackerConfig({ tracker: 'github', repo: 'acme/platform', apiUrl: gh.url });
  if ('problem' in parsed) throw new Error(parsed.problem);
  return {
    name: 'github',
    tracker: await makeTracker(parsed.config, { tracker: 'github', token: 'ghp_harness_token_0123456789' }, 5000),
    tickets: () =>
      gh.issues().map((i) => ({
        id: String(i.number),
        title: i.title,
        open: i.state === 'open',
        severity: i.labels.find((l) => l.startsWith('severity:'))?.slice('severity:'.length),
        comments: i.comments.map((c) => readable(c.body)),
        text: readable([i.body, ...i.comments.map((c) => c.body)].join('\n')),
        labels: i.labels,
      })),
    rateLimitNext: (n, seconds) => gh.rateLimitNext(n, 'retry-after', { seconds }),
    setSearchLag: (ms) => {
      gh.searchLagMs = ms;
    },
    bodies: () => gh.requests.map((r) => JSON.stringify(r.body ?? null)).join('\n'),
    close: () => gh.close(),
  };
}

export async function jiraHarness(): Promise<TrackerHarness> {
  const jira: JiraServer = await startJiraServer({ email: 'drift@example.com', token: 'jira-harness-token', project: 'OPS' });
  const parsed = parseTrackerConfig({ tracker: 'jira', site: jira.url, project: 'OPS' });
  if ('problem' in parsed) throw new Error(parsed.problem);
  return {
    name: 'jira',
    tracker: await makeTracker(parsed.config, { tracker: 'jira', email: 'drift@example.com', token: 'jira-harness-token' }, 5000),
    tickets: () =>
      jira.issues().map((i) => ({
        id: i.key,
        title: i.fields.summary,
        open: i.fields.status.statusCategory.key !== 'done',
        severity: PRIORITY_SEVERITY[i.fields.priority?.name ?? ''],
        comments: i.comments.map((c) => adfText(c.body)),
        text: [adfText(i.fields.description), ...i.comments.map((c) => adfText(c.body))].join('\n'),
        labels: i.fields.labels,
      })),
    rateLimitNext: (n, seconds) => jira.rateLimitNext(n, seconds),
    setSearchLag: (ms) => {
      jira.searchLagMs = ms;
    },
    bodies: () => jira.requests.map((r) => JSON.stringify(r.body ?? null)).join('\n'),
    close: () => jira.close(),
  };
}

/** A small estate whose keys have owners routed by `notify.tickets`. */
export const TICKET_ESTATE: Estate = estateFrom(`version: 1
name: shop
environments:
  production-us: { sources: [ { file: { from: us.yml } } ] }
  production-eu: { sources: [ { file: { from: eu.yml } } ] }
baseline:
  keys:
    db.timeout: { value: 10s, owner: team-payments }
    api.url: { owner: team-edge }
notify:
  sns: { minSeverity: low }
  tickets:
    minSeverity: high
    labels: [drift, config]
    owners:
      team-payments: { labels: [team-payments], assignee: alice }
      "*": { labels: [platform] }
`);

/** A finding of the estate: a mismatch of `key` in production-us, by default at `high`. */
export function finding(id: string, over: Partial<Finding> = {}): Finding {
  return {
    id,
    kind: 'mismatch',
    severity: 'high',
    estate: 'shop',
    environment: 'production-us',
    key: 'db.timeout',
    expected: '10s',
    actual: '60s',
    owner: 'team-payments',
    source: {
      type: 'file',
      location: 'us.yml',
      modifiedBy: 'arn:aws:iam::123456789012:user/night-shift',
      modifiedAt: '2026-12-01T02:04:00Z',
    },
    message: 'db.timeout is 60s in production-us; the baseline expects 10s',
    ...over,
  };
}

let seq = 0;

/** One SQS message as the subscriber's queue delivers it: the SNS body of a lifecycle event (raw delivery). */
export function lifecycleMessage(
  event: LifecycleEventName,
  f: Finding,
  opts: { episode?: number; run?: string; at?: string; reason?: string } = {},
): { id: string; body: string } {
  const episode = opts.episode ?? 1;
  const suffix = event === 'escalated' ? `escalated:${f.severity}` : event;
  const e: LifecycleEvent = {
    eventId: eventId(f.id, episode, suffix),
    event,
    runId: opts.run ?? 'run-1',
    at: opts.at ?? '2026-12-04T02:00:00.000Z',
    finding: f,
    episode,
    ...(event === 'resolved' ? { reason: opts.reason ?? 'value fixed' } : {}),
  };
  seq += 1;
  return { id: `msg-${seq}`, body: snsMessage(e, { estate: TICKET_ESTATE }).body };
}
