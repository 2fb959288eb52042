import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryAfterMs, SlackWebhook, SlackWebhookError } from '../../../lambdas/adapters/slack/slack-webhook';

const SECRET_PATH = '/services/T0000/B0000/XXXXsecretXXXX';
const digest = {
  text: '*1 new* · 0 resolved',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'drift · checkout-api · 2026-11-24' } },
    { type: 'section', text: { type: 'mrkdwn', text: 'value &lt;!channel&gt; · ünïcødé', verbatim: true } },
  ],
};

interface Reply {
  status: number;
  headers?: Record<string, string>;
}

/** A stand-in for Slack's webhook on 127.0.0.1: answers from a script, records what it received. */
function fakeSlack(script: Reply[]): Promise<{ server: Server; url: string; received: Array<{ path: string; body: unknown }> }> {
  const received: Array<{ path: string; body: unknown }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw) });
      const reply = script.shift() ?? { status: 200 };
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.status === 200 ? 'ok' : 'rate_limited');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`, received }),
    ),
  );
}

/** A clock that only moves when the sink sleeps, so waits are exact and nothing really sleeps. */
function fakeTime(start = 1_750_000_000_000) {
  const clock = { t: start, waits: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
    },
  };
}

let servers: Server[] = [];
afterEach(async () => {
  // A connection the client hung up on mid-answer lingers for seconds: closing waited for it.
  await Promise.all(
    servers.map(
      (s) =>
        new Promise((r) => {
          s.close(r);
          s.closeAllConnections();
        }),
    ),
  );
  servers = [];
});

async function setup(script: Reply[]) {
  const slack = await fakeSlack(script);
  servers.push(slack.server);
  const time = fakeTime();
  return { ...slack, ...time, sink: new SlackWebhook({ url: slack.url, sleep: time.sleep, now: time.now }) };
}

describe('SlackWebhook against a real HTTP server on 127.0.0.1', () => {
  test('posts the digest as it is, to the webhook path', async () => {
    const { sink, received, clock } = await setup([]);
    await sink.send(digest);
    expect(received).toEqual([{ path: SECRET_PATH, body: digest }]);
    expect(clock.waits).toEqual([]);
  });

  test('a 429 with Retry-After: 1 is retried once, after waiting one second', async () => {
    const { sink, received, clock } = await setup([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    await sink.send(digest);
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toEqual(digest);
    expect(clock.waits).toEqual([1000]);
  });

  test('gives up after three retries of a 429', async () => {
    const limited = { status: 429, headers: { 'retry-after': '2' } };
    const { sink, received, clock } = await setup([limited, limited, limited, limited, limited]);
    await expect(sink.send(digest)).rejects.toThrow('slack webhook answered 429');
    expect(received).toHaveLength(4);
    expect(clock.waits).toEqual([2000, 2000, 2000]);
  });

  test('a 500 is an error that names the status and not the URL, and is not retried', async () => {
    const { sink, received, url } = await setup([{ status: 500 }]);
    const err = (await sink.send(digest).catch((e: unknown) => e)) as SlackWebhookError;
    expect(err).toBeInstanceOf(SlackWebhookError);
    expect(err.message).toBe('slack webhook answered 500');
    expect(err.status).toBe(500);
    const everything = `${err.message}\n${err.stack}\n${JSON.stringify(err)}\n${String(err.cause)}`;
    expect(everything).not.toContain(url);
    expect(everything).not.toContain('XXXXsecretXXXX');
    expect(received).toHaveLength(1);
  });

  test('an unreachable webhook is an error without the URL', async () => {
    const { server, url } = await fakeSlack([]);
    await new Promise((r) => server.close(r));
    const err = (await new SlackWebhook({ url }).send(digest).catch((e: unknown) => e)) as Error;
    // Under jest the network error comes from another realm and @slack/webhook drops its code; in Node it is kept.
    expect(err.message).toMatch(/^slack webhook request failed( \(ECONNREFUSED\))?$/);
    expect(`${err.message}\n${err.stack}`).not.toContain('XXXXsecretXXXX');
  });

  test('two sends in a row are at least a second apart', async () => {
    const { sink, received, clock } = await setup([]);
    const sentAt: number[] = [];
    await sink.send(digest);
    sentAt.push(clock.t);
    clock.t += 300; // time passes between the two calls
    await sink.send(digest);
    sentAt.push(clock.t);
    expect(received).toHaveLength(2);
    expect(clock.waits).toEqual([700]);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(1000);
  });

  test('concurrent sends are paced too', async () => {
    const { sink, received, clock } = await setup([]);
    await Promise.all([sink.send(digest), sink.send(digest), sink.send(digest)]);
    expect(received).toHaveLength(3);
    expect(clock.waits).toEqual([1000, 1000]);
  });
});

describe('retryAfterMs', () => {
  test.each([
    ['1', 1000],
    ['0', 0],
    ['2.5', 2500],
    [null, 1000],
    ['soon', 1000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
  ])('Retry-After %j → %i ms', (header, ms) => {
    expect(retryAfterMs(header, Date.parse('2026-01-01T00:00:00Z'))).toBe(ms);
  });
});

describe('SlackWebhook against a hostile endpoint', () => {
  /**
   * Answers `status` with a body that goes on until the client hangs up (or, so an unbounded client
   * fails this test rather than the machine, 128 MiB); counts what it wrote.
   */
  async function endless(status: number): Promise<{ url: string; written: () => number }> {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        const pump = (): void => {
          while (!res.destroyed && written < 128 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`, written: () => written };
  }

  test.each([200, 500])(
    'reads only the start of an endless %i answer, and hangs up',
    async (status) => {
      // Unbounded, @slack/webhook read such a body whole, past its own 10-second timeout.
      const { url, written } = await endless(status);
      const sink = new SlackWebhook({ url, sleep: async () => undefined });
      const started = Date.now();
      const sent = sink.send(digest);
      if (status === 200) await expect(sent).resolves.toBeUndefined();
      else await expect(sent).rejects.toThrow(new SlackWebhookError('slack webhook answered 500', 500));
      expect(Date.now() - started).toBeLessThan(5_000);
      // The server could push no more than the sockets' buffers hold before the client hung up.
      await new Promise((r) => setTimeout(r, 100));
      expect(written()).toBeLessThan(16 * 1024 * 1024);
    },
    20_000,
  );
});
