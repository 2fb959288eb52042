import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { CodeCache } from './code-cache';

interface Loaded {
  exports: unknown;
}

/**
 * Loads the CLI bundle's CommonJS chunks (scripts/build.mjs), compiled through `cache`. Why not
 * Node.js's loader: it spends a quarter to half a millisecond resolving, checking and wrapping each
 * module, and a command loads 20 to 40 chunks; the chunks only require each other by relative path,
 * which is all this resolves (packages and Node.js built-ins go to Node.js's `require`).
 */
export class ChunkLoader {
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly cache: CodeCache) {}

  /** The exports of the chunk at `file` (an absolute path), run once, as `require` would give them. */
  load(file: string): unknown {
    const known = this.loaded.get(file);
    if (known) return known.exports;
    const module: Loaded = { exports: {} };
    // Before it runs, as Node.js does: a chunk required again while it runs gets what it exported so far.
    this.loaded.set(file, module);
    const dir = path.dirname(file);
    let outside: NodeJS.Require | undefined;
    const node = (): NodeJS.Require => (outside ??= createRequire(file));
    const require = Object.assign(
      (id: string) => (id.startsWith('./') || id.startsWith('../') ? this.load(path.join(dir, id)) : node()(id)),
      {
        resolve: (id: string, options?: { paths?: string[] }) => node().resolve(id, options),
      },
    );
    try {
      this.cache
        .compile(file, readFileSync(file, 'utf8'))
        .call(module.exports, module.exports, require as NodeJS.Require, module as never, file, dir);
    } catch (err) {
      // As Node.js does: a chunk that threw is loaded afresh when required again.
      this.loaded.delete(file);
      throw err;
    }
    return module.exports;
  }
}
