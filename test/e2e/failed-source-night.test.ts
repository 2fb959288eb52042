import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// production sets API_TIMEOUT in a dotenv file (120s, a default) and, above it, in SSM (30s, the
// baseline's). The night the SSM export could not be read, the dotenv's 120s was judged: a `new`
// high mismatch opened (an SNS `opened`, a ticket, a "New" line in the digest), and the next night,
// SSM read again, it was resolved as "value fixed" though nothing had changed. Such a finding is
// listed, as the value read, but opens no episode: the source-error is the night's news.
const ESTATE = `version: 1
name: shop
environments:
  production:
    sources:
      - dotenv: { from: prod.env }
      - ssm: { path: /prod/api/, from: prod-ssm.json }
baseline:
  undeclared: ignore
  keys:
    api.timeout: { type: duration, value: 30s, severity: high }
    db.timeout: { type: duration, value: 10s, severity: high }
`;
const SSM = (timeout: string): string =>
  JSON.stringify({ Parameters: [{ Name: '/prod/api/api_timeout', Type: 'String', Value: timeout, Version: 1 }] });
const BROKEN = '{ "Parameters": [ ';

interface Doc {
  code: number;
  findings: Array<{ kind: string; key?: string; status?: string }>;
  resolved: Array<{ kind: string; key?: string; reason: string }>;
}

describe('a night when a source of higher precedence cannot be read', () => {
  let server: Server;
  let digests: Array<{ text: string }>;
  let url: string;
  beforeAll(async () => {
    digests = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        digests.push(JSON.parse(body) as { text: string });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const night = async (dir: string, day: string): Promise<Doc> => {
    const env = { DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' };
    const run = await drift(['audit', '--format', 'json', '--notify'], { cwd: dir, env, now: new Date(`${day}T02:00:00Z`) });
    return { ...(JSON.parse(run.stdout) as Omit<Doc, 'code'>), code: run.code };
  };

  test('opens no episode on the value of the layer below it, and resolves none when it reads again', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': 'API_TIMEOUT=120s\nDB_TIMEOUT=10s\n', 'prod-ssm.json': SSM('30s') });
    expect((await night(dir, '2026-12-01')).findings).toEqual([]);

    writeFileSync(path.join(dir, 'prod-ssm.json'), BROKEN);
    const failed = await night(dir, '2026-12-02');
    expect(failed.findings.map((f) => [f.kind, f.status])).toEqual(
      expect.arrayContaining([
        ['source-error', 'new'],
        ['mismatch', undefined],
      ]),
    );
    expect(digests[1]?.text).toMatch(/^\*1 new\* · 0 resolved · 0 changed · 0 still open/);
    // The high mismatch is no proof of what runs either: the night's exit says a source failed (3), not findings (1).
    expect(failed.code).toBe(3);
    expect(JSON.stringify(digests[1])).not.toContain('api.timeout is 120s');

    writeFileSync(path.join(dir, 'prod-ssm.json'), SSM('30s'));
    const back = await night(dir, '2026-12-03');
    expect(back.findings).toEqual([]);
    expect(back.resolved.map((r) => [r.kind, r.reason])).toEqual([['source-error', 'source readable again']]);
  });

  test('a finding open before the failure stays open, as stored, and is judged again when the source reads', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'prod.env': 'API_TIMEOUT=120s\nDB_TIMEOUT=10s\n', 'prod-ssm.json': SSM('90s') });
    const mismatches = (d: Doc) => d.findings.filter((f) => f.kind === 'mismatch').map((f) => [f.key, f.status]);
    expect(mismatches(await night(dir, '2026-12-01'))).toEqual([['api.timeout', 'new']]);

    writeFileSync(path.join(dir, 'prod-ssm.json'), BROKEN);
    const failed = await night(dir, '2026-12-02');
    expect(mismatches(failed)).toEqual([['api.timeout', 'open']]);
    expect(failed.resolved).toEqual([]);

    writeFileSync(path.join(dir, 'prod-ssm.json'), SSM('30s'));
    const back = await night(dir, '2026-12-03');
    expect(back.resolved.map((r) => [r.kind, r.key, r.reason])).toEqual(
      expect.arrayContaining([
        ['mismatch', 'api.timeout', 'value fixed'],
        ['source-error', undefined, 'source readable again'],
      ]),
    );
  });
});
