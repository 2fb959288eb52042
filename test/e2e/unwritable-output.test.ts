import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, REPO, TEST_KEY } from '../helpers/cli';

// /dev/full refuses every write with ENOSPC: a full disk under `drift audit > report.json` in CI.
const withDevFull = existsSync('/dev/full') ? it : it.skip;

describe('output that cannot be written', () => {
  withDevFull.each([
    ['validate', ['validate']],
    ['audit --format json, nothing at --fail-on', ['audit', '--no-store', '--format', 'json', '--fail-on', 'critical']],
  ])('ends %s with exit 2 and one line, never 1 (findings) or a stack', (_what, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args, '-c', path.join(EXAMPLES, 'drift.yaml')], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, DRIFT_FINGERPRINT_KEY: TEST_KEY, NODE_DISABLE_COMPILE_CACHE: '1' },
        timeout: 60_000,
      });
      expect(run.stderr).toBe('drift: the standard output cannot be written (ENOSPC)\n');
      expect(run.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});
