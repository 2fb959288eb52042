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

/** The branch names a repository holds, its own and those of its remotes (`origin/x` as `x`). */
async function branchNames(root: string): Promise<Set<string>> {
  const refs = await git(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']);
  return new Set(
    refs
      .split('\n')
      .filter(Boolean)
      .map((ref) => (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref.replace(/^refs\/remotes\/[^/]+\//, ''))),
  );
}

/**
 * `wanted`, or the first of `wanted-2`, `wanted-3`… no branch has (here or on a remote): a second
 * adoption the same day is a pull request of its own, and a branch already made (perhaps pushed,
 * under review or merged) is never added to.
 */
function freeBranch(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  let n = 2;
  while (taken.has(`${wanted}-${n}`)) n++;
  return `${wanted}-${n}`;
}

/** Commits changes to one file of a git work tree on a new branch, for a pull request. */
export class GitBranchCommitter {
  private constructor(
    private readonly root: string,
    private readonly file: string,
    /** The branch the commit goes on: the name asked for, or the first free one after it. */
    readonly branch: string,
  ) {}

  /**
   * Checks `file` can be committed alone on a new branch: in a work tree, tracked, without
   * uncommitted changes; the branch is `branch`, or `branch-2`… when that is taken. Call before writing the file.
   */
  static async open(file: string, branch: string): Promise<GitBranchCommitter> {
    const root = await gitRoot(path.dirname(file));
    if (!root) throw new GitCommitRefused(`--commit: ${file} is not in a git repository`);
    const status = await git(root, ['status', '--porcelain', '--', file]);
    if (status.trim())
      throw new GitCommitRefused(`--commit: ${file} has uncommitted changes (or is not tracked); commit or discard them first`);
    // Found out only at `git commit`, it would leave the file written and the branch made but empty.
    for (const who of ['GIT_AUTHOR_IDENT', 'GIT_COMMITTER_IDENT'])
      await git(root, ['var', who]).catch((err: unknown) => {
        throw new GitCommitRefused(
          `--commit: git does not know who commits in ${root} (user.name and user.email): set them, then adopt again`,
          { cause: err },
        );
      });
    return new GitBranchCommitter(root, file, freeBranch(branch, await branchNames(root)));
  }

  /** Creates the branch from HEAD and commits the file on it with `message`; returns the commit's id. */
  async commit(message: string): Promise<string> {
    await git(this.root, ['checkout', '-b', this.branch]);
    await git(this.root, ['add', '--', this.file]);
    await git(this.root, ['commit', '-m', message, '--', this.file]);
    return (await git(this.root, ['rev-parse', 'HEAD'])).trim();
  }
}
