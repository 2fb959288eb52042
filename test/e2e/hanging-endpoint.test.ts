import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, scratch, TEST_KEY } from '../helpers/cli';

// An endpoint that accepts the connection and never answers must cost one source, not the run:
// the live SSM source becomes a source-error naming the timeout, every other source is judged.

/** A TCP server on 127.0.0.1 that accepts every connection and never writes a byte. */
async function silentServer(): Promise<{ server: Server; endpoint: string; accepted: () => number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted: () => sockets.length,
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

/** `drift …` as a child process; killed (code -1) if it is still running after `giveUpMs`, so a hang fails the test instead of holding the suite. */
function drift(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  giveUpMs = 25_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH, TMPDIR: os.tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), giveUpMs);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

const ESTATE = `version: 1
name: api
environments:
  prod:
    region: us-east-1
    # The file over the SSM path: what it sets is known however the SSM source fares (a value under a source that
    # failed is not compared: that source may set it otherwise).
    sources:
      - ssm: { path: /prod/api/ }
      - file: { from: prod.yml }
  staging:
    sources:
      - file: { from: staging.yml }
parity:
  - { name: all, environments: [prod, staging] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    pool: {}
`;

interface Doc {
  findings: Array<{ kind: string; environment?: string; group?: string; key?: string; message: string }>;
}

describe('a live endpoint that accepts and never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(() => silent.close());

  const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    AWS_ENDPOINT_URL_SSM: silent.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    DRIFT_FINGERPRINT_KEY: TEST_KEY,
    ...extra,
  });
  const files = () =>
    scratch({ 'drift.yaml': ESTATE, 'prod.yml': 'db:\n  timeout: 60s\npool: 10\n', 'staging.yml': 'db:\n  timeout: 10s\npool: 20\n' });

  const judgedAround = (doc: Doc) => {
    expect(doc.findings.find((f) => f.kind === 'mismatch')).toMatchObject({ environment: 'prod', key: 'db.timeout' });
    expect(doc.findings.find((f) => f.kind === 'parity')).toMatchObject({ group: 'all', key: 'pool' });
  };

  test('the SDK request timeout ends the call: the ssm source is a source-error naming it, the rest is judged', async () => {
    const before = silent.accepted();
    const r = await drift(
      ['audit', '--format', 'json'],
      files(),
      env({ DRIFT_CONNECT_TIMEOUT_MS: '1000', DRIFT_REQUEST_TIMEOUT_MS: '300' }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as Doc;
    const failed = doc.findings.filter((f) => f.kind === 'source-error');
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^ssm \/prod\/api\/ could not be read in prod: ssm DescribeParameters on \/prod\/api\/: TimeoutError \(no answer in time\)$/,
      ),
    ]);
    judgedAround(doc);
    expect(silent.accepted()).toBeGreaterThan(before);
  });

  test('the per-source timeout ends a source whose calls would wait longer: a source-error naming it, the rest is judged', async () => {
    // The request timeout only bounds how long the abandoned call lingers before the process exits
    // (four times the source timeout: the source's deadline always comes first, and the test waits less).
    const r = await drift(
      ['audit', '--format', 'json'],
      files(),
      env({ DRIFT_SOURCE_TIMEOUT_MS: '500', DRIFT_REQUEST_TIMEOUT_MS: '2000' }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.findings.filter((f) => f.kind === 'source-error').map((f) => f.message)).toEqual([
      'ssm /prod/api/ could not be read in prod: ssm /prod/api/: no answer within the source timeout of 500 ms (DRIFT_SOURCE_TIMEOUT_MS)',
    ]);
    judgedAround(doc);
  });
});
