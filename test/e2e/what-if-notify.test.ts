import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyOfExamples, drift } from '../helpers/cli';

describe('drift audit --as-of (a what-if) with --notify', () => {
  let server: Server;
  let received: string[];
  let url: string;
  beforeAll(async () => {
    received = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-part`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('is a usage error before anything is collected: the team is never sent next month as if it were today', async () => {
    const dir = copyOfExamples();
    const run = await drift(['audit', '--notify', '--as-of', '2027-01-15'], {
      cwd: dir,
      env: { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^drift: --notify: .*--as-of/);
    expect(received).toEqual([]);
  });
});
