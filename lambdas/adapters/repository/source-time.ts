import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

const git = (dir: string, args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', timeout: 10_000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/**
 * When a file's text was last changed: the time of the commit that last changed it, or, for a file
 * git does not hold as committed (outside a repository, untracked, ignored, edited since), its
 * modification time. `drift publish` and `cdk deploy` stamp estate objects with it.
 */
export function sourceTime(file: string): Date {
  const dir = path.dirname(file);
  const name = path.basename(file);
  try {
    if (!git(dir, ['status', '--porcelain', '--', name])) {
      const seconds = git(dir, ['log', '-1', '--format=%ct', '--', name]);
      if (seconds) return new Date(Number(seconds) * 1000);
    }
  } catch {
    // Not a repository, or no git: the file's own time.
  }
  return statSync(file).mtime;
}
