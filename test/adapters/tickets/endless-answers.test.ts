import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JiraClient } from '../../../lambdas/adapters/tickets/jira/jira-client';
import { TrackerUnavailable } from '../../../lambdas/core/tickets/ticket-errors';
import { githubClient } from '../../../lambdas/wiring/tracker-clients/github';

const TOKEN = 'ghp_CANARYa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';
// Past this a client that reads whole answers fails the test, rather than the machine.
const SERVER_CAP = 128 * 1024 * 1024;

/** A tracker whose every answer is a JSON document that goes on until the client hangs up; counts what it wrote. */
async function endlessAnswers(status: number) {
  let written = 0;
  const chunk = Buffer.alloc(64 * 1024, ' ');
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.write('{"items": [');
      const pump = (): void => {
        while (!res.destroyed && written < SERVER_CAP) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']}');
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    written: () => written,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a tracker that answers without end', () => {
  test.each([200, 500])(
    'Jira (%i): the client stops reading, hangs up and says the tracker failed',
    async (status) => {
      const jira = await endlessAnswers(status);
      try {
        const client = new JiraClient({ site: jira.base, email: 'bot@example.com', token: TOKEN, timeoutMs: 20_000 });
        const err = await client.request('GET', '/rest/api/3/search/jql').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TrackerUnavailable);
        expect((err as Error).message).toMatch(/^Jira GET \/rest\/api\/3\/search\/jql: .* answered more than \d+ MiB/);
        expect((err as Error).message).not.toContain(TOKEN);
        expect(jira.written()).toBeLessThan(64 * 1024 * 1024);
      } finally {
        await jira.close();
      }
    },
    30_000,
  );

  test('GitHub: the client stops reading, hangs up and says the tracker failed', async () => {
    const gh = await endlessAnswers(200);
    try {
      const tracker = githubClient({ tracker: 'github', repo: 'acme/infra', apiUrl: gh.base } as never, { token: TOKEN } as never, 20_000);
      const err = await tracker.find('drift:finding:abc').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerUnavailable);
      expect(JSON.stringify({ m: (err as Error).message, s: (err as Error).stack })).not.toContain(TOKEN);
      expect(gh.written()).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await gh.close();
    }
  }, 30_000);
});
