import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift, REPO, TEST_KEY } from '../helpers/cli';
import { useDynalite } from '../helpers/dynalite';

// A CI job that runs `drift audit --notify` must be able to tell that nobody was told: a failed
// delivery is said on stderr and, where nothing else decides the exit code, is exit code 4.
const SECRET_PATH = '/services/T000/B000/CANARYsecretpath';

/** A small estate: one environment, one undeclared key (info), and `extra` YAML for the baseline's keys. */
function estate(keys = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-notify-failed-'));
  writeFileSync(path.join(dir, 'prod.env'), 'LOG_LEVEL=DEBUG\nFEATURE_X=on\n');
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    `version: 1\nname: orders\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\nbaseline:\n  undeclared: info\n  keys:\n${keys || '    log.level: {}\n'}`,
  );
  return dir;
}

describe('drift audit --notify when the delivery fails', () => {
  let server: Server;
  let status = 500;
  let hits = 0;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hits++;
        res.writeHead(status).end(status === 200 ? 'ok' : 'internal_error');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const env = () => ({ DRIFT_SLACK_WEBHOOK_URL: url, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' });

  it('exits 0 when the digest went', async () => {
    status = 200;
    const r = await drift(['audit', '--notify', '--no-store'], { cwd: estate(), env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 4 with a message on stderr when the webhook refuses the digest, and never shows the webhook', async () => {
    status = 500;
    const before = hits;
    const r = await drift(['audit', '--notify', '--no-store'], { cwd: estate(), env: env() });
    expect(hits).toBeGreaterThan(before);
    expect(r.stderr).toContain('the Slack digest was not sent');
    expect(r.stderr).toContain('exit code 4');
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).not.toContain('CANARYsecretpath');
  });

  it('exits 4 when the webhook cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await drift(['audit', '--notify', '--no-store'], {
      cwd: estate(),
      env: { DRIFT_SLACK_WEBHOOK_URL: `http://127.0.0.1:${port}${SECRET_PATH}`, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
    });
    expect(r.stderr).toContain('the Slack digest was not sent');
    expect(r.code).toBe(4);
  });

  it('keeps exit code 1 when findings reach --fail-on, and still says the digest was not sent', async () => {
    status = 500;
    const r = await drift(['audit', '--notify', '--no-store'], {
      cwd: estate('    log.level: { value: INFO, severity: high }\n'),
      env: env(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the Slack digest was not sent');
  });
});

// bin/drift.js as a CI job runs it, on an installation's table, with an SNS endpoint on 127.0.0.1 that fails.
describe('drift audit --notify --store dynamodb:TABLE when SNS refuses the events', () => {
  const dynalite = useDynalite();
  let sns: Server;
  let snsCalls = 0;
  let snsEndpoint = '';
  beforeAll(async () => {
    sns = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        snsCalls++;
        res
          .writeHead(500, { 'content-type': 'text/xml' })
          .end('<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>down</Message></Error></ErrorResponse>');
      });
    });
    await new Promise<void>((r) => sns.listen(0, '127.0.0.1', r));
    snsEndpoint = `http://127.0.0.1:${(sns.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => sns.close(() => r())));

  it('exits 4 and says the messages go on the next run', async () => {
    const { table } = await dynalite.freshTable();
    const dir = estate('    log.level: { value: INFO, severity: high }\n');
    writeFileSync(
      path.join(dir, 'drift.yaml'),
      `${readFileSync(path.join(dir, 'drift.yaml'), 'utf8')}notify:\n  sns: { minSeverity: high, onFirstRun: true }\n`,
    );
    const r = await builtDrift(['audit', '--notify', '--store', `dynamodb:${table}`, '--fail-on', 'critical'], dir, {
      AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
      AWS_ENDPOINT_URL_SNS: snsEndpoint,
      DRIFT_SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:drift-findings',
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(snsCalls).toBeGreaterThan(0);
    expect(r.stderr).toContain('SNS message(s) failed and will be sent on the next run');
    expect(r.stderr).toContain('exit code 4');
    expect(r.code).toBe(4);
  });
});

function builtDrift(
  args: string[],
  cwd: string,
  extra: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    TMPDIR: os.tmpdir(),
    DRIFT_FINGERPRINT_KEY: TEST_KEY,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ...extra,
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
