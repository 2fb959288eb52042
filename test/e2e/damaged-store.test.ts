import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, REPO, TEST_KEY } from '../helpers/cli';

const run = (cwd: string) =>
  spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), 'audit', '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DRIFT_FINGERPRINT_KEY: TEST_KEY, NODE_DISABLE_COMPILE_CACHE: '1' },
    timeout: 120_000,
  });

describe('an embedded store whose data files are damaged (a bad disk, a copy cut short)', () => {
  it('is said as the store that cannot be read, with what to do: exit 2, never a crash that exits 1 (findings)', () => {
    const dir = copyOfExamples();
    // Twice: LevelDB moves the first run's log into a table file when it opens the store again.
    expect(run(dir).status).toBe(1);
    expect(run(dir).status).toBe(1);
    const store = path.join(dir, '.drift', 'store');
    const tables = readdirSync(store).filter((f) => f.endsWith('.ldb'));
    expect(tables.length).toBeGreaterThan(0);
    for (const f of tables) writeFileSync(path.join(store, f), Buffer.alloc(100, 0x5a));
    const damaged = run(dir);
    expect(damaged.stderr).toMatch(/^drift: the embedded store in \S+ cannot be (opened|read) \(LevelDB: [^)]*\); move that folder aside/);
    expect(damaged.stderr).not.toMatch(/^\s+at /m);
    expect(damaged.status).toBe(2);
    expect(damaged.stdout).toBe('');
  });
});
