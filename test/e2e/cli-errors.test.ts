import { main } from '../../lambdas/cli/main';
import type { CliIo } from '../../lambdas/cli/io';
import { DriftError } from '../../lambdas/core/errors';
import { drift, EXAMPLES, TEST_KEY } from '../helpers/cli';

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
});
