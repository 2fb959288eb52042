import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyOfExamples, drift } from '../helpers/cli';

interface Payload {
  text: string;
  blocks: Array<{ type: string; text?: { text: string } }>;
}

describe('drift audit --notify', () => {
  let server: Server;
  let received: Payload[];
  let url: string;
  beforeAll(async () => {
    received = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body) as Payload);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-part`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('sends the digest of the example estate: new findings first, then on the next run nothing new; no secret, no ping', async () => {
    const dir = copyOfExamples();
    const first = await drift(['audit', '--notify'], {
      cwd: dir,
      env: { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
      now: new Date('2026-11-24T07:00:00Z'),
    });
    expect(first.stderr).toBe('');
    expect(received).toHaveLength(1);
    const digest = received[0]!;
    expect(digest.blocks[0]).toMatchObject({ type: 'header' });
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
    const all = JSON.stringify(digest);
    expect(all).toContain('log.include.sensitive');
    expect(all).not.toMatch(/fake-[a-z]/);
    expect(all).not.toMatch(/<!(channel|here|everyone)>/);

    const second = await drift(['audit', '--notify'], {
      cwd: dir,
      env: { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
      now: new Date('2026-11-25T07:00:00Z'),
    });
    expect(second.stderr).toBe('');
    expect(received).toHaveLength(2);
    const again = JSON.stringify(received[1]);
    expect(received[1]!.text).toMatch(/0 new/);
    expect(again).toContain('log.include.sensitive');
  });

  test('SNS is never published from the embedded store, and --notify with nowhere to send is a usage error', async () => {
    const dir = copyOfExamples();
    const r = await drift(['audit', '--notify'], { cwd: dir, env: { DRIFT_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:drift' } });
    expect(r.stderr).toContain('SNS events are published only with --store dynamodb:TABLE');
    const none = await drift(['audit', '--notify'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('DRIFT_SLACK_WEBHOOK_URL');
  });
});
