import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift } from '../helpers/cli';

describe('drift audit --run-id where the run is not recorded', () => {
  test.each([
    ['--no-store', ['--no-store']],
    ['--as-of (a what-if)', ['--as-of', '2027-01-15']],
  ])('with %s is a usage error, before anything is collected or written', async (_name, flags) => {
    const dir = copyOfExamples();
    const run = await drift(['audit', '--run-id', 'nightly-1', ...flags], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^drift: --run-id: .*${flags[0]}`));
    expect(existsSync(path.join(dir, '.drift'))).toBe(false);
  });
});
