import type { Octokit } from '@octokit/core';
import type { PaginateInterface } from '@octokit/plugin-paginate-rest';
import { resolutionOutcome } from '../../../core/lifecycle/resolutions';
import type { Severity } from '../../../core/severity';
import { fitTicketDoc } from '../../../core/tickets/fit-ticket-doc';
import type { TicketDoc } from '../../../core/tickets/ticket-model';
import type { TicketComment, TicketDraft, TicketRef, TicketTracker } from '../../../ports/ticket-tracker';
import { githubError } from './github-errors';
import { githubMarkdown, hasTagLine, hiddenTag } from './github-markdown';
import { MAX_COMMENT_PAGES, endlessComments } from '../endless-comments';

/** What a GitHubTracker needs: a client made in wiring (token, base URL), the repository, and a clock for rate-limit resets. */
export interface GitHubTrackerOptions {
  octokit: GitHubClient;
  /** OWNER/REPO. */
  repo: string;
  now: () => number;
}

/** Octokit's core with its paginate plugin: routes by name, so no table of every GitHub endpoint is bundled. */
export type GitHubClient = Octokit & { paginate: PaginateInterface };

const severityLabel = (severity: Severity): string => `severity:${severity}`;

/** GitHub's limit on an issue's or a comment's body, in characters (a JavaScript length never counts fewer). */
const BODY_MAX = 65_536;

/** The Markdown of a body or comment followed by its hidden tag, within GitHub's limit. */
function withTag(doc: TicketDoc, tag: string): string {
  const markdown = (d: TicketDoc): string => `${githubMarkdown(d)}\n\n${tag}`;
  return markdown(fitTicketDoc(doc, (d) => markdown(d).length, BODY_MAX));
}

interface ValidationFailure {
  status?: number;
  response?: { data?: { errors?: Array<{ field?: string } | string> } };
}

// GitHub's 422 for an assignee it cannot assign names the `assignees` field among its errors.
function refusedAssignee(err: unknown): boolean {
  const { status, response } = err as ValidationFailure;
  const errors = Array.isArray(response?.data?.errors) ? response.data.errors : [];
  return status === 422 && errors.some((e) => typeof e === 'object' && e !== null && /^assignee/.test(e.field ?? ''));
}

/**
 * Tickets as GitHub issues: a hidden marker line finds an issue again through search, a hidden event
 * line tells a comment already made. Makes one request per step and never waits: rate limits and
 * failures come back as TrackerRateLimited / TrackerUnavailable / TrackerRejected for the caller to retry.
 */
export class GitHubTracker implements TicketTracker {
  readonly name = 'github' as const;
  private readonly octokit: GitHubClient;
  private readonly where: { owner: string; repo: string };
  private readonly repo: string;
  private readonly now: () => number;

  constructor({ octokit, repo, now }: GitHubTrackerOptions) {
    const [owner, name] = repo.split('/');
    if (!owner || !name) throw new TypeError(`GitHubTracker: repo must be OWNER/REPO`);
    this.octokit = octokit;
    this.where = { owner, repo: name };
    this.repo = repo;
    this.now = now;
  }

  async find(marker: string): Promise<TicketRef | undefined> {
    const tag = hiddenTag('marker', marker);
    const q = `repo:${this.repo} is:issue in:body "${encodeURIComponent(marker)}"`;
    const { data } = await this.call('search issues for a marker', () => this.octokit.request('GET /search/issues', { q, per_page: 100 }));
    // Search matches loosely (words, in any order): only an issue carrying the marker line is ours.
    const found = data.items.filter((item) => !item.pull_request && hasTagLine(item.body, tag)).sort((a, b) => a.number - b.number)[0];
    return found && this.ref(found);
  }

  async create(draft: TicketDraft): Promise<TicketRef> {
    const labels = [...new Set([...draft.labels, severityLabel(draft.severity)])];
    const marker = hiddenTag('marker', draft.marker);
    const issue = async (notes: TicketDoc, assignees: string[]) => {
      const body = withTag([...draft.body, ...notes], marker);
      const { data } = await this.octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...this.where,
        title: draft.title,
        body,
        labels,
        assignees,
      });
      return this.ref(data);
    };
    return this.call('create an issue', async () => {
      try {
        return await issue([], draft.assignee ? [draft.assignee] : []);
      } catch (err) {
        if (!draft.assignee || !refusedAssignee(err)) throw err;
        // A ticket without its assignee beats no ticket; the body says who it was meant for.
        const note: TicketDoc = [
          {
            type: 'paragraph',
            content: [
              { text: 'drift could not assign ' },
              { code: `@${draft.assignee}` },
              { text: ': check the owner mapping in drift.yaml.' },
            ],
          },
        ];
        return issue(note, []);
      }
    });
  }

  async hasComment(ticket: TicketRef, eventId: string): Promise<boolean> {
    const tag = hiddenTag('event', eventId);
    const params = { ...this.where, issue_number: Number(ticket.id), per_page: 100 };
    const found = await this.onIssue(ticket, `list the comments of issue ${ticket.id}`, async () => {
      let pages = 0;
      for await (const page of this.octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', params)) {
        if (page.data.some((c) => hasTagLine(c.body, tag))) return true;
        if (++pages >= MAX_COMMENT_PAGES) return undefined;
      }
      return false;
    });
    if (found === undefined) throw endlessComments(`issue ${ticket.id} on ${this.repo}`);
    return found;
  }

  async comment(ticket: TicketRef, { eventId, body }: TicketComment): Promise<void> {
    const text = withTag(body, hiddenTag('event', eventId));
    await this.onIssue(ticket, `comment on issue ${ticket.id}`, () =>
      this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...this.where,
        issue_number: Number(ticket.id),
        body: text,
      }),
    );
  }

  async setSeverity(ticket: TicketRef, severity: Severity, previous: Severity | undefined): Promise<void> {
    const issue = { ...this.where, issue_number: Number(ticket.id) };
    if (previous !== undefined && previous !== severity) {
      await this.onIssue(ticket, `remove a label from issue ${ticket.id}`, async () => {
        try {
          await this.octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
            ...issue,
            name: severityLabel(previous),
          });
        } catch (err) {
          // Someone removed it already: the swap goes on.
          if ((err as { status?: unknown }).status !== 404) throw err;
        }
      });
    }
    // Adding, never setting, keeps the labels people put on the issue.
    await this.onIssue(ticket, `label issue ${ticket.id}`, () =>
      this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...issue, labels: [severityLabel(severity)] }),
    );
  }

  async close(ticket: TicketRef, reason: string): Promise<void> {
    const issue = { ...this.where, issue_number: Number(ticket.id) };
    // Closed already (by a person, or an earlier try): its state and reason stay as they are.
    const { data } = await this.onIssue(ticket, `read issue ${ticket.id}`, () =>
      this.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', issue),
    );
    if (data.state === 'closed') return;
    const stateReason = resolutionOutcome(reason) === 'set-aside' ? 'not_planned' : 'completed';
    await this.onIssue(ticket, `close issue ${ticket.id}`, () =>
      this.octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...issue, state: 'closed', state_reason: stateReason }),
    );
  }

  private ref(issue: { number: number; html_url: string }): TicketRef {
    return { tracker: 'github', id: String(issue.number), url: issue.html_url };
  }

  private async call<T>(operation: string, request: () => Promise<T>, issue?: string): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw githubError(err, { operation, repo: this.repo, now: this.now, ...(issue === undefined ? {} : { issue }) });
    }
  }

  /** A call about one existing issue: its 404 or 410 is TicketGone (someone deleted it), not a configuration to fix. */
  private onIssue<T>(ticket: TicketRef, operation: string, request: () => Promise<T>): Promise<T> {
    return this.call(operation, request, ticket.id);
  }
}
