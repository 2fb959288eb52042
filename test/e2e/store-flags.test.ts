import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift, REPO, scratch, TEST_KEY } from '../helpers/cli';
import { useDynalite } from '../helpers/dynalite';

const dynalite = useDynalite();

/** bin/drift.js (built) with a real DynamoDB engine on 127.0.0.1 as the endpoint. */
function built(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    TMPDIR: os.tmpdir(),
    DRIFT_FINGERPRINT_KEY: TEST_KEY,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

// prod is live (never called here): a command that looks at staging alone asks the store what prod
// holds as a secret. The store under .drift/ is a file, as a copy cut short leaves it: unreadable.
const ESTATE = `version: 1
name: api
environments:
  prod:
    region: us-east-1
    sources:
      - ssm: { path: /prod/api/ }
  staging:
    sources:
      - dotenv: { from: staging.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
code: src
`;

function estateWithUnreadableStore(): string {
  const dir = scratch({ 'drift.yaml': ESTATE, 'staging.env': 'DB_TIMEOUT=60s\n', 'src/app.js': 'process.env.DB_TIMEOUT;\n' });
  mkdirSync(path.join(dir, '.drift'), { mode: 0o700 });
  writeFileSync(path.join(dir, '.drift', 'store'), 'not a store', { mode: 0o600 });
  return dir;
}

describe('the store flags, on every command that reads the store', () => {
  test.each([
    ['revert', ['revert', 'staging', 'DB_TIMEOUT'], 0],
    ['code check', ['code', 'check', '--env', 'staging'], 0],
    ['snapshot --record', ['snapshot', '--record', 'rec', '--env', 'staging'], 0],
  ])('%s takes --no-store and then reads no store (the store it would read cannot be)', async (_what, args, code) => {
    const dir = estateWithUnreadableStore();
    const refused = await drift(args, { cwd: dir });
    // Without it the unreadable store is said, with what to do: --no-store among it.
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--no-store');
    const run = await drift([...args, '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
  });

  test.each([
    ['revert', ['revert', 'staging', 'DB_TIMEOUT']],
    ['code check', ['code', 'check', '--env', 'staging']],
    ['snapshot --record', ['snapshot', '--record', 'rec', '--env', 'staging']],
  ])('%s reads --store dynamodb:TABLE, not the embedded store', async (_what, args) => {
    const dir = estateWithUnreadableStore();
    const { table } = await dynalite.freshTable();
    expect(await built([...args, '--store', `dynamodb:${table}`], dir)).toEqual({ code: 0, stderr: '' });
  });
});

describe('--no-store on a command that never keeps history: accepted, changes nothing', () => {
  test.each([
    ['validate', ['validate']],
    ['init --dry-run', ['init', '--dry-run']],
    ['code scan', ['code', 'scan', 'src']],
  ])('%s', async (_what, args) => {
    const dir = scratch({
      'drift.yaml': ESTATE.replace(/baseline:[\s\S]*?code:/, 'code:'),
      'staging.env': 'DB_TIMEOUT=60s\n',
      'src/app.js': 'process.env.DB_TIMEOUT;\n',
    });
    const without = await drift(args, { cwd: dir });
    const withFlag = await drift([...args, '--no-store'], { cwd: dir });
    expect(withFlag).toEqual(without);
    expect(withFlag.stderr).not.toContain('unknown option');
  });

  test('publish: the estate is validated as without it (the flag is no usage error)', async () => {
    const dir = scratch({ 'drift.yaml': 'version: 1\nenvironments: {}\n' });
    const run = await drift(['publish', '--bucket', 'b', '--no-store'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^drift\.yaml:/);
  });
});
