import type { Dirent } from 'node:fs';
import { open, readdir, realpath, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { byText } from '../../core/text-order';
import { isWithin } from '../leaves-folder';

/** Files larger than this are not parsed (bundles and data, not code people write). */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * A file's bytes when it holds at most `max` bytes, else `'too large'`, or the error that stopped the
 * read. The size is taken from the open file before anything is read: a multi-gigabyte file (a
 * dump, a build artefact) is refused without being loaded.
 */
export async function readAtMost(absolute: string, max: number): Promise<Buffer | 'too large' | NodeJS.ErrnoException> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(absolute, 'r');
    if ((await handle.stat()).size > max) return 'too large';
    return await handle.readFile();
  } catch (err) {
    return err as NodeJS.ErrnoException;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A file's bytes when it can be read and holds at most MAX_FILE_BYTES, else undefined. */
export async function smallFileBytes(absolute: string): Promise<Buffer | undefined> {
  const bytes = await readAtMost(absolute, MAX_FILE_BYTES);
  // A file that grew past the limit between its size and its read is too large all the same.
  return Buffer.isBuffer(bytes) && bytes.length <= MAX_FILE_BYTES ? bytes : undefined;
}

/** A file of the tree to read: its path relative to the root (`/`-separated) and on disk. */
export interface CodeFile {
  readonly file: string;
  readonly absolute: string;
}

/** What a walk found: the files it keeps, in path order, and the links it would not follow out of the tree. */
export interface CodeFiles {
  readonly files: CodeFile[];
  readonly skipped: { file: string; reason: string }[];
}

/**
 * The files under `root` that `keep` accepts (by relative path) and `excluded` does not leave out, in
 * path order. Symbolic links are not followed: one into the tree names a file read at its own place,
 * one out of it names what is not the tree's (it is listed as skipped), as is a folder that cannot be listed.
 */
export async function codeFiles(root: string, keep: (file: string) => boolean, excluded: (file: string) => boolean): Promise<CodeFiles> {
  const realRoot = await realpath(root);
  const found: CodeFiles = { files: [], skipped: [] };
  async function walk(dir: string, rel: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // A folder this user may not list (or that went away meanwhile) is left out, said like a link
      // out of the tree; the root itself is the caller's to have checked.
      if (!rel) throw err;
      found.skipped.push({ file: rel, reason: `a folder that cannot be listed (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    entries.sort((a, b) => byText(a.name, b.name));
    for (const entry of entries) {
      const file = rel ? `${rel}/${entry.name}` : entry.name;
      const absolute = path.join(dir, entry.name);
      if (excluded(file)) continue;
      if (entry.isSymbolicLink()) {
        const target = await realpath(absolute).catch((err: NodeJS.ErrnoException) => err);
        if (typeof target !== 'string')
          found.skipped.push({ file, reason: `a symbolic link that leads nowhere (${target.code ?? 'error'})` });
        else if (!isWithin(realRoot, target)) found.skipped.push({ file, reason: 'a symbolic link out of the tree' });
      } else if (entry.isDirectory()) await walk(absolute, file);
      else if (entry.isFile() && keep(file)) found.files.push({ file, absolute });
      // A named pipe or a socket among the code: never opened (a read would wait for a writer), but said.
      else if (!entry.isFile() && keep(file)) found.skipped.push({ file, reason: 'not a file (a named pipe, a socket or a device)' });
    }
  }
  await walk(root, '');
  return found;
}
