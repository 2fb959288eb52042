import { existsSync, mkdirSync } from 'node:fs';
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

/** Makes `dir` and any missing folders above it, each with `mode`. */
export function makeFoldersSync(dir: string, mode?: number): void {
  for (const folder of missingSync(dir)) {
    try {
      mkdirSync(folder, { mode });
    } catch (err) {
      if (realFailure(err)) throw err;
    }
  }
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
}
