import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drift, scratch } from '../helpers/cli';

// `drift audit --env staging --notify` sends the estate's digest: what the run left out (production)
// is still open in the store. It was told "All clear — nothing … open", as if production had nothing.

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
`;

describe('drift audit --env … --notify', () => {
  let server: Server;
  let received: Array<{ text: string }>;
  let url: string;
  beforeAll(async () => {
    received = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body) as { text: string });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-part`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('still counts what is open in the environments it left out, and is no all clear', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'staging.env': 'DB_TIMEOUT=10s\n', 'production.env': 'DB_TIMEOUT=60s\n' });
    const env = { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' };
    const first = await drift(['audit', '-c', `${dir}/drift.yaml`, '--notify'], { env, now: new Date('2026-11-24T07:00:00Z') });
    expect(first.code).toBe(1);
    expect(received[0]?.text).toMatch(/^\*1 new\*/);

    const staging = await drift(['audit', '-c', `${dir}/drift.yaml`, '--env', 'staging', '--notify'], {
      env,
      now: new Date('2026-11-24T09:00:00Z'),
    });
    expect(staging.code).toBe(0);
    expect(received).toHaveLength(2);
    const digest = JSON.stringify(received[1]);
    expect(digest).not.toMatch(/All clear/);
    expect(received[1]?.text).toMatch(/1 still open/);
    expect(digest).toContain('production');
  });
});
