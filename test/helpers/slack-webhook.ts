import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Slack incoming webhook on 127.0.0.1 for the describe block it is called in. */
export interface SlackWebhook<T> {
  /** Every body posted to it, in order, as `parse` read it. */
  readonly received: T[];
  /** The environment that points `drift --notify` at it (its URL, and 127.0.0.1 allowed as a host). */
  readonly env: { DRIFT_SLACK_WEBHOOK_URL: string; DRIFT_SLACK_WEBHOOK_HOSTS: string };
}

/**
 * Starts the webhook before the block's tests and closes it after them; it answers every post 200.
 *
 *   const slack = slackWebhook<Payload>((body) => JSON.parse(body) as Payload);
 *   await drift(['audit', '--notify'], { env: slack.env });
 *   expect(slack.received).toHaveLength(1);
 */
export function slackWebhook(): SlackWebhook<string>;
export function slackWebhook<T>(parse: (body: string) => T): SlackWebhook<T>;
export function slackWebhook<T>(parse: (body: string) => T = (body) => body as T): SlackWebhook<T> {
  const received: T[] = [];
  let server: Server | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-part`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  return {
    received,
    get env() {
      if (url === undefined) throw new Error('slackWebhook: env is read before the webhook has started (use it inside a test)');
      return { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' };
    },
  };
}
