import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Ignores everything in the folder, itself included, so the key and the store never reach git. */
const IGNORE_ALL = '# drift state: the fingerprint key and the embedded store. Never commit it.\n*\n';

/**
 * Creates the CLI's state folder (owner-only) with a `.gitignore` of `*`, whichever writer gets
 * there first; an existing `.gitignore` is left as it is.
 */
export async function ensureStateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path.join(dir, '.gitignore'), IGNORE_ALL, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
