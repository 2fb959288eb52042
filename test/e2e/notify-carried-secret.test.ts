import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { drift, scratch } from '../helpers/cli';

const CANARY = 'CANARYseedvalue';
const ESTATE = (declared: string): string => `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
baseline:
  undeclared: critical
  keys:
    db.timeout: { value: 10s }
${declared}`;

describe('drift audit --env … --notify with a key declared secret since', () => {
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

  test('the findings it carries from the store for the environments it left out show no stored plain value', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE(''),
      'staging.env': 'DB_TIMEOUT=10s\n',
      'production.env': `DB_TIMEOUT=10s\nSIGNING_SEED=${CANARY}\n`,
    });
    const env = { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' };
    await drift(['audit', '-c', `${dir}/drift.yaml`, '--notify'], { env, now: new Date('2026-11-23T07:00:00Z') });
    writeFileSync(`${dir}/drift.yaml`, ESTATE('    signing.seed: { secret: true }\n'));
    const run = await drift(['audit', '-c', `${dir}/drift.yaml`, '--env', 'staging', '--notify'], {
      env,
      now: new Date('2026-11-24T07:00:00Z'),
    });
    expect(run.stderr).toBe('');
    expect(received).toHaveLength(2);
    expect(received[1]).toContain('signing.seed');
    expect(received[1]).not.toContain(CANARY);
  });
});
