import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, TEST_KEY } from '../helpers/cli';

// bin/drift.js as users run it (the built bundle), with the OS temp folder, where the code cache lives, of the test's own.
function drift(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH, TMPDIR: tmp, DRIFT_FINGERPRINT_KEY: TEST_KEY, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The cache files under `tmp`, with when each was last written. */
function cacheFiles(tmp: string): Map<string, number> {
  const files = readdirSync(tmp, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.v8'));
  return new Map(files.map((f) => [f, statSync(path.join(tmp, f)).mtimeMs]));
}

const VALIDATE = ['validate', '-c', 'examples/drift.yaml'];
const AUDIT = ['audit', '--no-store', '-c', 'examples/drift.yaml', '--format', 'json'];
const timeless = (s: string) => s.replace(/"generatedAt": "[^"]+"/, '"generatedAt": "T"');

describe('the CLI through its code cache', () => {
  test('the first run writes the cache, the next runs from it with the same output and exit code', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'drift-cache-e2e-'));
    const first = drift(VALIDATE, tmp);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^examples\/drift\.yaml is valid: estate checkout-api/);
    const written = cacheFiles(tmp);
    expect([...written.keys()].some((f) => /validate-.*\.cjs\.validate\.v8$/.test(f))).toBe(true);

    expect(drift(VALIDATE, tmp)).toEqual(first);
    // Read, not rewritten: V8 took every file.
    expect(cacheFiles(tmp)).toEqual(written);

    const audit = drift(AUDIT, tmp);
    expect(audit.code).toBe(1);
    const again = drift(AUDIT, tmp);
    expect({ ...again, stdout: timeless(again.stdout) }).toEqual({ ...audit, stdout: timeless(audit.stdout) });
  });

  test('a usage error says the same through the cache', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'drift-cache-e2e-'));
    const first = drift(['validate', '--no-such-flag'], tmp);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain("unknown option '--no-such-flag'");
    expect(drift(['validate', '--no-such-flag'], tmp)).toEqual(first);
  });

  test('damaged cache files are compiled anew: the same output', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'drift-cache-e2e-'));
    const first = drift(VALIDATE, tmp);
    for (const f of cacheFiles(tmp).keys()) writeFileSync(path.join(tmp, f), Buffer.alloc(readFileSync(path.join(tmp, f)).length, 7));
    expect(drift(VALIDATE, tmp)).toEqual(first);
  });

  test('a temp folder that cannot be written, or the cache turned off: the same output, no cache', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'drift-cache-e2e-'));
    const expected = drift(VALIDATE, mkdtempSync(path.join(os.tmpdir(), 'drift-cache-e2e-')));
    writeFileSync(path.join(tmp, 'a-file'), '');
    expect(drift(VALIDATE, path.join(tmp, 'a-file'))).toEqual(expected);
    expect(drift(VALIDATE, tmp, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(expected);
    expect(cacheFiles(tmp).size).toBe(0);
  });

  test('the process ends when its work is done: a file still being written is written whole first', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'drift-cache-e2e-'));
    const file = path.join(tmp, 'out.txt');
    const script = [
      `const cli = require(${JSON.stringify(path.join(REPO, 'dist/cli/start.cjs'))});`,
      `require('node:fs/promises').writeFile(${JSON.stringify(file)}, 'x'.repeat(1 << 22)).then(() => require('node:fs').appendFileSync(${JSON.stringify(file)}, 'END'));`,
      'cli.exitWhenIdle(3);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe(`${'x'.repeat(1 << 22)}END`);
  });

  // Node.js's recursive mkdir loops for ever on a folder under /proc: the CLI used to answer, then spin.
  (existsSync('/proc/self') ? test : test.skip)('a temp folder where no cache can be made still lets the command end', () => {
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), '--version'], {
      cwd: REPO,
      env: { PATH: process.env.PATH, TMPDIR: '/proc/drift-no-such-folder' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});
