import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { copyOfExamples, REPO, TEST_KEY } from '../helpers/cli';

/** Runs bin/drift.js with its stdout's reader gone before it writes (`drift … | head -0`). */
function withReaderGone(args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DRIFT_FINGERPRINT_KEY: TEST_KEY, NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a reader that goes away (`drift audit | head -1`)', () => {
  const dir = copyOfExamples();
  const estate = ['-c', 'drift.yaml'];

  test.each([
    ['audit, text', ['audit', '--no-store', ...estate]],
    ['audit --format json', ['audit', '--no-store', '--format', 'json', ...estate]],
    ['audit --format markdown', ['audit', '--no-store', '--format', 'markdown', ...estate]],
    ['audit --format sarif', ['audit', '--no-store', '--format', 'sarif', ...estate]],
    ['audit with its store', ['audit', ...estate]],
    ['diff', ['diff', 'staging', 'production-us', ...estate]],
    ['explain', ['explain', 'production-us', 'DB_TIMEOUT', ...estate]],
    ['validate', ['validate', ...estate]],
    ['code scan', ['code', 'scan', 'with-code/src']],
    ['--help', ['--help']],
  ])('%s ends quietly with the closed pipe its exit status (128 + SIGPIPE), not 2 (usage)', async (_what, args) => {
    const run = await withReaderGone(args, dir);
    // What a shell reports for `cat big | head -1` or `git log | head -1`: killed by SIGPIPE (13).
    expect(run).toEqual({ status: 141, stderr: '' });
  });
});
