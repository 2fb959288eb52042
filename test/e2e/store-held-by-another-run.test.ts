import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, scratch, TEST_KEY } from '../helpers/cli';

// An on-call engineer runs `drift audit --env staging` while another drift run (the nightly one, a
// teammate's) holds the embedded store. Drift waits a little for it, says what it waits for, and
// when the holder does not let go, says who holds it and what to do; --no-store never waits.

const ESTATE = `version: 1
name: api
environments:
  prod:
    region: us-east-1
    sources:
      - file: { from: prod.yml }
      - ssm: { path: /prod/api/ }
  staging:
    sources:
      - file: { from: staging.yml }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
`;

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

function start(args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH, TMPDIR: os.tmpdir(), DRIFT_FINGERPRINT_KEY: TEST_KEY, ...env },
  });
  let stdout = '';
  let stderr = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  child.stdout?.on('data', (c) => (stdout += c));
  child.stderr?.on('data', (c) => (stderr += c));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
  return { child, done };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('the embedded store, held by another drift process', () => {
  const sockets: Socket[] = [];
  const silent = createServer((s) => void sockets.push(s));
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), silent.close(() => r()))));

  /** A full audit whose live SSM source waits on an endpoint that never answers: it holds the store meanwhile. */
  const holder = (dir: string, holdMs: number): Run =>
    start(['audit', '--format', 'json'], dir, {
      AWS_ENDPOINT_URL_SSM: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      DRIFT_SOURCE_TIMEOUT_MS: String(holdMs),
      DRIFT_REQUEST_TIMEOUT_MS: String(holdMs * 2),
    });
  const files = () => scratch({ 'drift.yaml': ESTATE, 'prod.yml': 'db:\n  timeout: 60s\n', 'staging.yml': 'db:\n  timeout: 10s\n' });
  const held = (dir: string) => existsSync(path.join(dir, '.drift', 'store.holder.json'));

  test('waits a little, then says who holds it and what to do; --no-store audits at once', async () => {
    const dir = files();
    const first = holder(dir, 8_000);
    try {
      await until(() => held(dir), 'the first run to hold the store');
      const refused = await start(['audit', '--env', 'staging', '--format', 'json'], dir, { DRIFT_STORE_WAIT_MS: '600' }).done;
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain(
        `the embedded store is in use by another drift process (drift audit, pid ${first.child.pid}, since `,
      );
      expect(refused.stderr).toMatch(
        new RegExp(
          `drift: the embedded store in \\S+ is in use by another drift process \\(drift audit, pid ${first.child.pid}, since \\S+Z\\); waited 1 s for it \\(DRIFT_STORE_WAIT_MS\\): let it finish and run again, or run now with --no-store`,
        ),
      );
      const unstored = await start(['audit', '--env', 'staging', '--no-store', '--format', 'json'], dir, { DRIFT_STORE_WAIT_MS: '600' })
        .done;
      expect(unstored.stderr).toBe('');
      expect(unstored.code).toBe(0);
      expect(JSON.parse(unstored.stdout)).toMatchObject({ environments: ['staging'] });
    } finally {
      first.child.kill();
      await first.done;
    }
  }, 45_000);

  test('waiting long enough, it audits once the other run has let go, and keeps its history', async () => {
    const dir = files();
    const first = holder(dir, 2_500);
    let second: Awaited<Run['done']>;
    try {
      await until(() => held(dir), 'the first run to hold the store');
      second = await start(['audit', '--env', 'staging', '--format', 'json'], dir, { DRIFT_STORE_WAIT_MS: '30000' }).done;
    } catch (err) {
      first.child.kill();
      throw err;
    }
    const firstRun = await first.done;
    expect(firstRun.code).toBe(3);
    expect(second.stderr).toMatch(
      /^drift: the embedded store is in use by another drift process \(drift audit, pid \d+, since \S+\); waiting up to 30 s…\n$/,
    );
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ environments: ['staging'] });
    expect(held(dir)).toBe(false);
  }, 45_000);
});
