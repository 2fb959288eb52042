import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { ensureStateFolder } from '../../lambdas/adapters/state-folder';
import { copyOfExamples, drift } from '../helpers/cli';

// The real folder maker, counted: every module that makes the folder imports this one.
jest.mock('../../lambdas/adapters/state-folder', () => {
  const real = jest.requireActual('../../lambdas/adapters/state-folder');
  return { ...real, ensureStateFolder: jest.fn(real.ensureStateFolder) };
});

/** No DRIFT_FINGERPRINT_KEY: the key is generated into .drift/ as on a laptop. */
const NO_KEY = { DRIFT_FINGERPRINT_KEY: undefined };

const gitignoreLines = (dir: string): string[] => readFileSync(path.join(dir, '.drift', '.gitignore'), 'utf8').split('\n');

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

describe('.drift/ keeps itself out of git', () => {
  test('the embedded store creating the folder writes .gitignore with *', async () => {
    const dir = copyOfExamples();
    const r = await drift(['audit', '-c', path.join(dir, 'drift.yaml')]);
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, '.drift', 'store'))).toBe(true);
    expect(gitignoreLines(dir)).toContain('*');
  });

  test('the fingerprint key creating the folder (no store) writes .gitignore with *', async () => {
    const dir = copyOfExamples();
    const r = await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml')], { env: NO_KEY });
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, '.drift', 'fingerprint.key'))).toBe(true);
    expect(existsSync(path.join(dir, '.drift', 'store'))).toBe(false);
    expect(gitignoreLines(dir)).toContain('*');
  });

  test('an existing .drift/ without one gets it on the next run', async () => {
    const dir = copyOfExamples();
    await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml')], { env: NO_KEY });
    rmSync(path.join(dir, '.drift', '.gitignore'));
    await drift(['audit', '-c', path.join(dir, 'drift.yaml')], { env: NO_KEY });
    expect(gitignoreLines(dir)).toContain('*');
  });

  test('one command makes the folder once, whichever of the store, the key and the history needs it first', async () => {
    const made = jest.mocked(ensureStateFolder);
    const dir = copyOfExamples();
    const audit = ['audit', '-c', path.join(dir, 'drift.yaml')];
    const explain = ['explain', 'production-us', 'db.timeout', '-c', path.join(dir, 'drift.yaml')];
    for (const [args, code] of [
      [audit, 1],
      [audit, 1],
      [[...audit, '--no-store'], 1],
      [explain, 0],
    ] as const) {
      made.mockClear();
      expect((await drift([...args], { env: NO_KEY })).code).toBe(code);
      expect(made).toHaveBeenCalledTimes(1);
    }
  });

  test('in a git repository, nothing under .drift/ is ever untracked or staged', async () => {
    const dir = copyOfExamples();
    git(dir, 'init', '--quiet');
    const r = await drift(['audit', '-c', path.join(dir, 'drift.yaml')], { env: NO_KEY });
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, '.drift', 'fingerprint.key'))).toBe(true);
    const status = git(dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
    expect(status).toContain('?? drift.yaml');
    expect(status.filter((line) => line.includes('.drift'))).toEqual([]);
    git(dir, 'add', '--all');
    expect(
      git(dir, 'diff', '--cached', '--name-only')
        .split('\n')
        .filter((f) => f.startsWith('.drift')),
    ).toEqual([]);
  });
});
