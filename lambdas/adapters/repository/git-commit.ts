import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DriftError } from '../../core/errors';
import { gitRoot } from './git-root';

const run = promisify(execFile);

/** A commit drift will not make: the file is outside a repository, has changes of its own, or git said no. */
export class GitCommitRefused extends DriftError {
  override name = 'GitCommitRefused';
  readonly userFacing = true;
}

const git = async (cwd: string, args: string[]): Promise<string> => {
  try {
    return (await run('git', args, { cwd, timeout: 30_000, windowsHide: true })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new GitCommitRefused(`git ${args[0]} failed: ${(e.stderr || e.message).trim().split('\n')[0]}`, { cause: err });
  }
};

/** Commits changes to one file of a git work tree on a new branch, for a pull request. */
export class GitBranchCommitter {
  private constructor(
    private readonly root: string,
    private readonly file: string,
    private readonly branch: string,
  ) {}

  /**
   * Checks `file` can be committed alone on a new `branch`: in a work tree, tracked, without
   * uncommitted changes, and the branch not taken. Call before writing the file.
   */
  static async open(file: string, branch: string): Promise<GitBranchCommitter> {
    const root = await gitRoot(path.dirname(file));
    if (!root) throw new GitCommitRefused(`--commit: ${file} is not in a git repository`);
    const status = await git(root, ['status', '--porcelain', '--', file]);
    if (status.trim())
      throw new GitCommitRefused(`--commit: ${file} has uncommitted changes (or is not tracked); commit or discard them first`);
    const taken = await git(root, ['branch', '--list', branch]);
    if (taken.trim()) throw new GitCommitRefused(`--commit: the branch ${branch} exists already`);
    return new GitBranchCommitter(root, file, branch);
  }

  /** Creates the branch from HEAD and commits the file on it with `message`; returns the commit's id. */
  async commit(message: string): Promise<string> {
    await git(this.root, ['checkout', '-b', this.branch]);
    await git(this.root, ['add', '--', this.file]);
    await git(this.root, ['commit', '-m', message, '--', this.file]);
    return (await git(this.root, ['rev-parse', 'HEAD'])).trim();
  }
}
