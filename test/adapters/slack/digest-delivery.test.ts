import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackDigest } from '../../../lambdas/adapters/slack/slack-digest';
import { SlackSink } from '../../../lambdas/adapters/slack/slack-sink';
import { SlackWebhook } from '../../../lambdas/adapters/slack/slack-webhook';
import { buildDigest } from '../../../lambdas/core/digest/build-digest';
import type { Finding } from '../../../lambdas/core/model';
import { SEVERITIES } from '../../../lambdas/core/severity';

interface Block {
  type: string;
  text?: { text: string };
  elements?: Array<{ text: string }>;
}

describe('a digest of 1,000 findings, as Slack receives it', () => {
  let server: Server;
  const received: Array<{ text: string; blocks: Block[] }> = [];
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T/B/X`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('stays within 50 blocks, 3,000 characters a section and a 150-character header, with +N more and the report link', async () => {
    const open: Finding[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `f${i}`,
      kind: 'mismatch',
      severity: SEVERITIES[i % 5]!,
      estate: 'checkout-api',
      environment: `env-${i % 7}`,
      key: `key.${i}`,
      expected: '10s',
      actual: `<!channel> ${'x'.repeat(i % 300)}`,
      source: { type: 'ssm', location: `/env/key_${i}`, version: i },
      message: `key.${i} is <!channel> & more in env-${i % 7}; the baseline expects 10s`,
      status: 'open',
      firstSeen: '2026-11-01T00:00:00Z',
    }));
    const digest = buildDigest({
      estate: 'checkout-api',
      windowEnd: '2026-11-24T07:00:00Z',
      timezone: 'Europe/Berlin',
      events: [],
      open,
      suppressed: [],
      minSeverity: 'info',
      allClear: true,
      reportUrl: 'https://drift.example.com/report/2026-11-24.html',
    })!;
    await new SlackSink(new SlackWebhook({ url })).send({ kind: 'digest', digest });
    const got = received[0]!;
    expect(got).toEqual(JSON.parse(JSON.stringify(slackDigest(digest))));
    expect(got.blocks.length).toBeLessThanOrEqual(50);
    const header = got.blocks.find((b) => b.type === 'header')!;
    expect(header.text!.text.length).toBeLessThanOrEqual(150);
    for (const b of got.blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    const all = JSON.stringify(got);
    expect(all).toMatch(/\+\d+ more/);
    expect(all).toContain('https://drift.example.com/report/2026-11-24.html');
    expect(all).not.toContain('<!channel>');
  });
});
