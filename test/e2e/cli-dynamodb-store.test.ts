import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, TEST_KEY } from '../helpers/cli';
import { useDynalite } from '../helpers/dynalite';

// bin/drift.js as users run it (the built, split bundle) with `--store dynamodb:TABLE`, against a
// real DynamoDB engine on 127.0.0.1 reached through the standard endpoint setting.
const dynalite = useDynalite();

function drift(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
    const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], { cwd: REPO, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built CLI on a DynamoDB table (--store dynamodb:TABLE)', () => {
  test('an audit is recorded in the table, and the next one finds its findings open', async () => {
    const { table, scan } = await dynalite.freshTable();
    const audit = await drift(['audit', '-c', 'examples/drift.yaml', '--store', `dynamodb:${table}`, '--format', 'json']);
    expect(audit.stderr).toBe('');
    // The example's planted drift reaches the default threshold.
    expect(audit.code).toBe(1);
    const findings = (JSON.parse(audit.stdout) as { findings: Array<{ status?: string }> }).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect([...new Set(findings.map((f) => f.status))]).toEqual(['new']);
    const items = await scan();
    // The run, and the pointer to the latest one.
    expect(items.filter((i) => String(i.pk).endsWith('#RUN'))).toHaveLength(1);
    expect(items.some((i) => i.sk === 'LATEST')).toBe(true);

    const again = await drift(['audit', '-c', 'examples/drift.yaml', '--store', `dynamodb:${table}`, '--format', 'json']);
    expect([...new Set((JSON.parse(again.stdout) as { findings: Array<{ status?: string }> }).findings.map((f) => f.status))]).toEqual([
      'open',
    ]);
  });

  test('a table that is not there is said before the run: exit 2, no stack', async () => {
    const r = await drift(['audit', '-c', 'examples/drift.yaml', '--store', 'dynamodb:drift-no-such-table']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "drift: --store dynamodb:drift-no-such-table: there is no table drift-no-such-table (the installation's stack makes it)\n",
    );
    expect(r.stdout).toBe('');
  });

  // Flag values are case-insensitive (spec section 7); the table's name is not.
  test('the store kind in any case: --store DynamoDB:TABLE', async () => {
    const { table, scan } = await dynalite.freshTable();
    const audit = await drift(['audit', '-c', 'examples/drift.yaml', '--store', `DynamoDB:${table}`, '--format', 'json']);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(1);
    expect((await scan()).some((i) => i.sk === 'LATEST')).toBe(true);
  });
});
