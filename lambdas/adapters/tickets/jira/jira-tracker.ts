import { resolutionOutcome } from '../../../core/lifecycle/resolutions';
import type { Severity } from '../../../core/severity';
import { cutEnd } from '../../../core/values/text-cut';
import { cut } from '../../../core/values/value';
import { TicketGone, TrackerRejected, TrackerUnavailable } from '../../../core/tickets/ticket-errors';
import type { TicketDoc } from '../../../core/tickets/ticket-model';
import type { JiraConfig } from '../../../core/tickets/tracker-config';
import type { TicketComment, TicketDraft, TicketRef, TicketTracker } from '../../../ports/ticket-tracker';
import { toFittedAdf } from './jira-adf';
import { MAX_COMMENT_PAGES, endlessComments } from '../endless-comments';
import { JiraRejected, type JiraClient, type JiraMethod, type JiraRequest } from './jira-client';

/** The entity property drift puts on its issues and comments. */
export const DRIFT_PROPERTY = 'drift';

const SUMMARY_MAX = 255;
const LABEL_MAX = 255;
const COMMENTS_PAGE = 100;
/** Fields Jira may refuse for reasons of its own set-up (an inactive user, a component not in the project): the ticket is still worth creating. */
const OPTIONAL_FIELDS = ['assignee', 'components'] as const;

interface CommentPage {
  startAt: number;
  total: number;
  comments: Array<{ properties?: Array<{ key: string; value?: { eventId?: unknown } }> }>;
}

interface Transition {
  id: string;
  name: string;
}

const issuePath = (key: string): string => `/rest/api/3/issue/${encodeURIComponent(key)}`;
const jqlString = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** Jira labels hold no whitespace. */
const jiraLabel = (label: string): string => cutEnd(label.trim().replace(/\s+/g, '-'), LABEL_MAX);
const summary = (title: string): string => cut(title.replace(/[\r\n\t]+/g, ' ').trim(), SUMMARY_MAX);

/** Tickets as Jira Cloud issues: ADF bodies, the marker as a label, the severity as the mapped priority, closed through a workflow transition. */
export class JiraTracker implements TicketTracker {
  readonly name = 'jira' as const;

  constructor(
    private readonly client: JiraClient,
    private readonly config: JiraConfig,
  ) {}

  async find(marker: string): Promise<TicketRef | undefined> {
    const jql = `project = ${jqlString(this.config.project)} AND labels = ${jqlString(jiraLabel(marker))} ORDER BY created ASC`;
    const page = await this.client.request<{ issues?: Array<{ key: string }> }>('GET', '/rest/api/3/search/jql', {
      query: { jql, fields: 'key', maxResults: 1 },
    });
    const key = page?.issues?.[0]?.key;
    return key ? this.ref(key) : undefined;
  }

  async create(draft: TicketDraft): Promise<TicketRef> {
    try {
      return await this.createWith(draft, []);
    } catch (err) {
      const dropped = droppable(err, draft);
      if (!dropped) throw err;
      return this.createWith(draft, dropped);
    }
  }

  async hasComment(ticket: TicketRef, eventId: string): Promise<boolean> {
    for (let startAt = 0, pages = 0; ; pages += 1) {
      // A server that ignores startAt, or whose total never comes, would be listed for ever.
      if (pages >= MAX_COMMENT_PAGES) throw endlessComments(ticket.id);
      const page = await this.onIssue<CommentPage>(ticket, 'GET', '/comment', {
        query: { expand: 'properties', startAt, maxResults: COMMENTS_PAGE },
      });
      const comments = page?.comments ?? [];
      if (comments.some((c) => c.properties?.some((p) => p.key === DRIFT_PROPERTY && p.value?.eventId === eventId))) return true;
      startAt += comments.length;
      if (comments.length === 0 || startAt >= (page?.total ?? 0)) return false;
    }
  }

  async comment(ticket: TicketRef, comment: TicketComment): Promise<void> {
    await this.onIssue(ticket, 'POST', '/comment', {
      body: { body: toFittedAdf(comment.body), properties: [{ key: DRIFT_PROPERTY, value: { eventId: comment.eventId } }] },
    });
  }

  async setSeverity(ticket: TicketRef, severity: Severity, _previous?: Severity): Promise<void> {
    await this.onIssue(ticket, 'PUT', '', { body: { fields: { priority: { name: this.config.priorities[severity] } } } });
  }

  /**
   * The reason's words are the use case's comment; its meaning picks the transition: a finding set
   * aside, not fixed, goes through `notPlannedTransition` where the workflow offers it.
   */
  async close(ticket: TicketRef, reason?: string): Promise<void> {
    // Status first: a workflow with a global "Done" transition offers it even from Done, and a closed ticket is left as it is.
    const issue = await this.onIssue<{ fields?: { status?: { statusCategory?: { key?: string } } } }>(ticket, 'GET', '', {
      query: { fields: 'status' },
    });
    if (issue?.fields?.status?.statusCategory?.key === 'done') return;
    const answer = await this.onIssue<{ transitions?: Transition[] }>(ticket, 'GET', '/transitions');
    const transitions = answer?.transitions ?? [];
    const named = (name: string | undefined) => transitions.find((t) => t.name.toLowerCase() === name?.toLowerCase());
    const notPlanned = resolutionOutcome(reason) === 'set-aside' ? named(this.config.notPlannedTransition) : undefined;
    const close = notPlanned ?? named(this.config.closeTransition);
    if (!close) {
      const offered = transitions.map((t) => `"${t.name}"`).join(', ') || 'none';
      throw new TrackerRejected(
        `Jira issue ${ticket.id} has no transition "${this.config.closeTransition}" (it offers ${offered}): set closeTransition in the tickets configuration to the one that closes issues`,
        { context: { tracker: 'jira' } },
      );
    }
    await this.onIssue(ticket, 'POST', '/transitions', { body: { transition: { id: close.id } } });
  }

  /** A request about one existing issue (`tail` after its path): its 404 is TicketGone (someone deleted or moved it), not a configuration to fix. */
  private async onIssue<T>(ticket: TicketRef, method: JiraMethod, tail: string, req?: JiraRequest): Promise<T | undefined> {
    try {
      return await this.client.request<T>(method, `${issuePath(ticket.id)}${tail}`, req);
    } catch (err) {
      if (err instanceof JiraRejected && err.status === 404)
        throw new TicketGone(`Jira issue ${ticket.id} is gone (404): deleted or moved`, { context: { tracker: 'jira', status: 404 } });
      throw err;
    }
  }

  private async createWith(draft: TicketDraft, dropped: readonly string[]): Promise<TicketRef> {
    const fields: Record<string, unknown> = {
      project: { key: this.config.project },
      issuetype: { name: this.config.issueType },
      summary: summary(draft.title),
      description: toFittedAdf(dropped.length ? [...draft.body, droppedNote(dropped)] : draft.body),
      // The marker is a label because JQL can search labels; an entity property is searchable only
      // once an app declares it in its descriptor, which a plain API token cannot do.
      labels: [...new Set([...draft.labels, draft.marker].map(jiraLabel).filter(Boolean))],
      priority: { name: this.config.priorities[draft.severity] },
    };
    if (draft.components.length && !dropped.includes('components')) fields.components = draft.components.map((name) => ({ name }));
    if (draft.assignee && !dropped.includes('assignee')) fields.assignee = { accountId: draft.assignee };
    const created = await this.client.request<{ key: string }>('POST', '/rest/api/3/issue', {
      body: { fields, properties: [{ key: DRIFT_PROPERTY, value: { marker: draft.marker } }] },
    });
    if (!created?.key) throw new TrackerUnavailable('Jira answered a create without an issue key', { context: { tracker: 'jira' } });
    return this.ref(created.key);
  }

  private ref(key: string): TicketRef {
    return { tracker: 'jira', id: key, url: `${this.config.site}/browse/${key}` };
  }
}

/** The optional fields to leave out when Jira refused only those (and the draft set them); otherwise undefined. */
function droppable(err: unknown, draft: TicketDraft): string[] | undefined {
  if (!(err instanceof JiraRejected) || err.status !== 400 || err.fields.length === 0) return undefined;
  const optional: readonly string[] = OPTIONAL_FIELDS;
  if (!err.fields.every((f) => optional.includes(f))) return undefined;
  const set = err.fields.filter((f) => (f === 'assignee' ? draft.assignee : draft.components.length > 0));
  return set.length === err.fields.length ? [...err.fields] : undefined;
}

const droppedNote = (dropped: readonly string[]): TicketDoc[number] => ({
  type: 'paragraph',
  content: [
    { strong: 'Note:' },
    {
      text: ` Jira refused the ${dropped.join(' and ')} drift routed this ticket to, so it was created without; check the owner mapping in drift.yaml.`,
    },
  ],
});
