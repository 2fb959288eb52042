import { chmod, lstat, readdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DriftError } from '../core/errors';
import { makeFolders } from './make-folders';

/** Ignores everything in the folder, itself included, so the key and the store never reach git. */
const IGNORE_ALL = '# drift state: the fingerprint key and the embedded store. Never commit it.\n*\n';

/**
 * Makes `dir` (and what it lacks above it) owner-only, whatever the umask and whoever made it
 * first: mkdir's mode is filtered by the umask and leaves an existing folder as it is, chmod is not.
 */
export async function ownerOnlyFolder(dir: string): Promise<void> {
  await makeFolders(dir, 0o700);
  // A link is not followed: one committed to a repository would have chmod and the key, the store
  // and the .gitignore land wherever it points (/tmp, /usr/bin when drift runs as root).
  if ((await lstat(dir)).isSymbolicLink()) throw Object.assign(new Error(`ELINK: a symbolic link, ${dir}`), { code: 'ELINK' });
  // A file of that name is not ours to chmod: refused as the system refuses a path through a file.
  if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, ${dir}`), { code: 'ENOTDIR' });
  await chmod(dir, 0o700);
}

/**
 * Makes the files directly in `dir` owner-only (0600): those a library wrote under the process's
 * umask (the embedded store's LevelDB files). Files it writes later sit in an owner-only folder.
 */
export async function ownerOnlyFiles(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      await chmod(path.join(dir, entry.name), 0o600);
    } catch (err) {
      // LevelDB replaces its MANIFEST and log files as it runs: one gone since readdir needs no mode.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/**
 * Creates the CLI's state folder (owner-only, 0700) with a `.gitignore` of `*`, whichever writer gets
 * there first; an existing `.gitignore` is left as it is, an existing folder made owner-only.
 */
export async function ensureStateFolder(dir: string): Promise<void> {
  try {
    await ownerOnlyFolder(dir);
    await writeFile(path.join(dir, '.gitignore'), IGNORE_ALL, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw stateFolderRefusal(dir, err) ?? err;
  }
}

/** The user's error for a state folder (or the store's folder in it) the system will not make or write; else undefined. */
export function stateFolderRefusal(dir: string, err: unknown): StateFolderError | undefined {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const why = CANNOT_MAKE[code];
  if (!why) return undefined;
  return new StateFolderError(
    `${dir} ${why.what} (${code}): ${why.fix}, keep history in DynamoDB (--store dynamodb:TABLE), or audit with --no-store, which writes nothing`,
    { context: { code } },
  );
}

const READ_ONLY = { what: 'cannot be written', fix: 'make it writable' };

/** The system's answers where the state folder cannot be made: what each means, and the user's own fix. */
const CANNOT_MAKE: Readonly<Record<string, { what: string; fix: string }>> = {
  EACCES: READ_ONLY,
  EPERM: READ_ONLY,
  EROFS: READ_ONLY,
  // A file named `.drift` beside the estate file.
  ENOTDIR: { what: 'is not a folder', fix: 'move that file away' },
  // Ours (ownerOnlyFolder): a `.drift` that links elsewhere.
  ELINK: { what: 'is a symbolic link', fix: 'replace it by a folder' },
  // An estate file read from a pipe (`-c <(…)`): /dev/fd holds no folders.
  ENOENT: { what: 'cannot be made there', fix: 'keep the estate file in a folder' },
};

/** The state folder cannot be made or written where it belongs (a read-only checkout): the user's to choose another. */
export class StateFolderError extends DriftError {
  override name = 'StateFolderError';
  readonly userFacing = true;
}
