import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift } from '../helpers/cli';

describe('drift audit --as-of (a what-if) says it recorded nothing', () => {
  test('an audit that would have used the store says on stderr that nothing was recorded, and records nothing', async () => {
    const dir = copyOfExamples();
    const run = await drift(['audit', '--as-of', '2027-01-15', '--format', 'json'], { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(run.stdout).schema).toBe('drift-audit/v1');
    expect(run.stderr).toMatch(/^drift: --as-of 2027-01-15 is a what-if: nothing was recorded/m);
    expect(existsSync(path.join(dir, '.drift', 'store'))).toBe(false);
  });

  test('with --no-store, which already says so, there is no note', async () => {
    const run = await drift(['audit', '--as-of', '2027-01-15', '--no-store'], { cwd: copyOfExamples() });
    expect(run.stderr).not.toMatch(/what-if/);
  });

  test('an audit of today says nothing of the kind', async () => {
    const run = await drift(['audit'], { cwd: copyOfExamples() });
    expect(run.stderr).not.toMatch(/what-if/);
  });
});
