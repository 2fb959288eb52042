import { existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

// `mkdir -p` that ends. Node.js's recursive mkdir loops for ever where making a missing folder fails
// with ENOENT although its parent exists (anywhere under /proc, say: `--record /proc/x`, or TMPDIR
// pointing there), so the missing folders are made one at a time, from the deepest one that exists
// down, and a failure is thrown as the system gave it. A folder made meanwhile by another process is fine.

const realFailure = (err: unknown): boolean => (err as NodeJS.ErrnoException).code !== 'EEXIST';

/** The folders of `dir` that do not exist yet, outermost first. */
function missingSync(dir: string): string[] {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  return missing;
}

/** Throws ENOTDIR, as `mkdir -p` fails, where `dir` is there already and is not a folder (or a link to one). */
function mustBeFolder(dir: string): void {
  if (statSync(dir).isDirectory()) return;
  throw Object.assign(new Error(`ENOTDIR: not a directory, '${dir}'`), { code: 'ENOTDIR', path: dir });
}

/** Makes `dir` and any missing folders above it, each with `mode`. */
export function makeFoldersSync(dir: string, mode?: number): void {
  for (const folder of missingSync(dir)) {
    try {
      mkdirSync(folder, { mode });
    } catch (err) {
      if (realFailure(err)) throw err;
    }
  }
  mustBeFolder(dir);
}

/** Makes `dir` and any missing folders above it, each with `mode`. */
export async function makeFolders(dir: string, mode?: number): Promise<void> {
  for (const folder of missingSync(dir)) {
    try {
      await mkdir(folder, { mode });
    } catch (err) {
      if (realFailure(err)) throw err;
    }
  }
  mustBeFolder(dir);
}
