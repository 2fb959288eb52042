import { main } from '../../lambdas/cli/main';
import type { CliIo } from '../../lambdas/cli/io';
import { DriftError } from '../../lambdas/core/errors';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { engineLevelClass } from '../../lambdas/adapters/dynamodb/inline-reads';
import { copyOfExamples, drift, EXAMPLES, TEST_KEY } from '../helpers/cli';

// Classes main.ts has never heard of: how it treats them can only come from their flag.
class QuotaTypo extends DriftError {
  override readonly name = 'QuotaTypo';
  readonly userFacing = true;
}

class LostInvariant extends DriftError {
  override readonly name = 'LostInvariant';
  readonly userFacing = false;
}

/** Runs `drift validate` on the example estate with a stdout that throws `err` on the command's first write. */
async function validateThrowing(err: Error): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CliIo = {
    stdout: {
      write: () => {
        throw err;
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
    env: { DRIFT_FINGERPRINT_KEY: TEST_KEY },
    cwd: EXAMPLES,
  };
  const code = await main(['node', 'drift', 'validate', '-c', 'drift.yaml'], io);
  return { code, stderr };
}

describe('the CLI decides by the error, not by its name', () => {
  test('a new user-facing error: its message on stderr, exit 2, no stack', async () => {
    const r = await validateThrowing(new QuotaTypo('--quota: "lots" is not a number'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('drift: --quota: "lots" is not a number\n');
  });

  test("an error that is not the user's goes on, with its stack and its cause", async () => {
    const cause = new Error('the store returned a torn item');
    const err = new LostInvariant('finding state f1: version went backwards', { cause });
    await expect(validateThrowing(err)).rejects.toBe(err);
    expect(err.cause).toBe(cause);
    expect(err.stack).toContain('LostInvariant: finding state f1: version went backwards');
  });

  test("a --store that names no store is the user's error: exit 2 with the message", async () => {
    const r = await drift(['audit', '-c', 'drift.yaml', '--store', 'nope'], { cwd: EXAMPLES });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('drift: --store nope: expected dynamodb:TABLE\n');
  });

  test("a fingerprint key that is a passphrase is the user's error: exit 2, where it came from, never the key", async () => {
    const passphrase = 'CANARY correct horse battery staple, 2026';
    const r = await drift(['audit', '-c', 'drift.yaml', '--no-store'], { cwd: EXAMPLES, env: { DRIFT_FINGERPRINT_KEY: passphrase } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'drift: DRIFT_FINGERPRINT_KEY must be 32 or more random bytes, as hex or base64 (e.g. openssl rand -base64 32), not a passphrase\n',
    );
    expect(r.stdout + r.stderr).not.toContain('CANARY');
  });

  test('a damaged key file under .drift/ is named: exit 2, no stack', async () => {
    const dir = copyOfExamples();
    mkdirSync(path.join(dir, '.drift'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dir, '.drift', 'fingerprint.key'), 'CANARY-not-a-key\n', { mode: 0o600 });
    const r = await drift(['audit', '-c', 'drift.yaml', '--no-store'], { cwd: dir, env: { DRIFT_FINGERPRINT_KEY: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^drift: \S*fingerprint\.key must be 32 or more random bytes/);
    expect(r.stderr).not.toContain('CANARY');
  });

  test('a damaged key file with the embedded store: exit 2, and the store is closed, not left open to hang the process', async () => {
    const dir = copyOfExamples();
    mkdirSync(path.join(dir, '.drift'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dir, '.drift', 'fingerprint.key'), 'CANARY-not-a-key\n', { mode: 0o600 });
    const damaged = await drift(['audit', '-c', 'drift.yaml'], { cwd: dir, env: { DRIFT_FINGERPRINT_KEY: '' } });
    expect(damaged.code).toBe(2);
    // A store left open holds LevelDB's lock, and its native handle keeps the process alive.
    const Level = engineLevelClass() as unknown as new (dir: string) => { open(): Promise<void>; close(): Promise<void> };
    const db = new Level(path.join(dir, '.drift', 'store'));
    await expect(db.open()).resolves.toBeUndefined();
    await db.close();
  });
});
