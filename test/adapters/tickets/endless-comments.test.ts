import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { GitHubTracker } from '../../../lambdas/adapters/tickets/github/github-tracker';
import { JiraClient } from '../../../lambdas/adapters/tickets/jira/jira-client';
import { JiraTracker } from '../../../lambdas/adapters/tickets/jira/jira-tracker';
import { parseTrackerConfig } from '../../../lambdas/core/tickets/tracker-config';
import { TrackerUnavailable } from '../../../lambdas/core/tickets/ticket-errors';

/** A tracker whose comment listing never ends: every page is full and points at another one. */
async function endlessServer(page: (url: URL, base: string) => { headers?: Record<string, string>; body: unknown }) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', base);
    const { headers = {}, body } = page(url, base);
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests: () => requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('a tracker whose comments page on without end', () => {
  test('GitHub: hasComment stops after a bounded number of pages and says the tracker failed', async () => {
    const gh = await endlessServer((url, base) => {
      const n = Number(url.searchParams.get('page') ?? '1');
      const next = new URL(url.pathname, base);
      next.searchParams.set('per_page', '100');
      next.searchParams.set('page', String(n + 1));
      return {
        headers: { link: `<${next.href}>; rel="next"` },
        body: Array.from({ length: 100 }, (_, i) => ({ id: n * 100 + i, body: 'a comment by a person' })),
      };
    });
    try {
      const tracker = new GitHubTracker({
        octokit: new Octokit({ auth: 'ghp_x', baseUrl: gh.base, log: silent }),
        repo: 'acme/infra',
        now: () => 0,
      });
      const err = await tracker.hasComment({ tracker: 'github', id: '7', url: '' }, 'evt-1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerUnavailable);
      expect((err as Error).message).toBe(
        'the tracker listed more than 10000 comments on issue 7 on acme/infra without an end; drift stopped reading them',
      );
      expect(gh.requests()).toBeLessThanOrEqual(101);
    } finally {
      await gh.close();
    }
  });

  test('Jira: hasComment stops after a bounded number of pages even when the server ignores startAt', async () => {
    const jira = await endlessServer(() => ({
      body: {
        startAt: 0,
        maxResults: 100,
        total: 1_000_000_000,
        comments: Array.from({ length: 100 }, (_, i) => ({
          id: String(i),
          body: { type: 'doc', version: 1, content: [] },
          properties: [],
        })),
      },
    }));
    try {
      const parsed = parseTrackerConfig({ tracker: 'jira', site: jira.base, project: 'PROJ' });
      if (!('config' in parsed) || parsed.config.tracker !== 'jira') throw new Error('bad test config');
      const tracker = new JiraTracker(
        new JiraClient({ site: jira.base, email: 'bot@example.com', token: 't', timeoutMs: 2000 }),
        parsed.config,
      );
      const err = await tracker.hasComment({ tracker: 'jira', id: 'PROJ-7', url: '' }, 'evt-1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerUnavailable);
      expect((err as Error).message).toBe(
        'the tracker listed more than 10000 comments on PROJ-7 without an end; drift stopped reading them',
      );
      expect(jira.requests()).toBeLessThanOrEqual(101);
    } finally {
      await jira.close();
    }
  });
});
