import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChunkLoader } from '../../../lambdas/cli/chunk-loader';
import { CodeCache } from '../../../lambdas/cli/code-cache';

/** A bundle folder of `files` (path → source) under a fresh temp folder. */
function bundle(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'drift-chunks-'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `'use strict';\n${source}`);
  }
  return root;
}

const loader = () => new ChunkLoader(new CodeCache(undefined, 'test'));

describe('the CLI chunk loader', () => {
  test('chunks require each other by relative path, each runs once, packages and built-ins go to Node.js', () => {
    const root = bundle({
      'main.cjs':
        "const a = require('./chunks/a.cjs'); const b = require('./chunks/b.cjs'); exports.sum = a.one + b.two; exports.runs = globalThis.__chunkRuns;",
      'chunks/a.cjs':
        "globalThis.__chunkRuns = (globalThis.__chunkRuns ?? 0) + 1; exports.one = 1; exports.sep = require('node:path').sep;",
      'chunks/b.cjs': "exports.two = require('./a.cjs').one + 1; exports.where = require.resolve('./a.cjs');",
    });
    const load = loader();
    const main = load.load(path.join(root, 'main.cjs')) as { sum: number; runs: number };
    expect(main).toEqual({ sum: 3, runs: 1 });
    const a = load.load(path.join(root, 'chunks/a.cjs')) as { sep: string };
    expect(a.sep).toBe(path.sep);
    expect((load.load(path.join(root, 'chunks/b.cjs')) as { where: string }).where).toBe(path.join(root, 'chunks/a.cjs'));
    delete (globalThis as { __chunkRuns?: number }).__chunkRuns;
  });

  test('a chunk required while it runs gives what it exported so far, as Node.js does', () => {
    const root = bundle({
      'a.cjs': "exports.early = 'early'; exports.seen = require('./b.cjs').seen; exports.late = 'late';",
      'b.cjs': "exports.seen = Object.keys(require('./a.cjs'));",
    });
    expect(loader().load(path.join(root, 'a.cjs'))).toEqual({ early: 'early', seen: ['early'], late: 'late' });
  });

  test('a chunk that throws is run again when required again', () => {
    const root = bundle({
      'flaky.cjs': "globalThis.__flaky = (globalThis.__flaky ?? 0) + 1; if (globalThis.__flaky === 1) throw new Error('first');",
    });
    const load = loader();
    expect(() => load.load(path.join(root, 'flaky.cjs'))).toThrow('first');
    expect(load.load(path.join(root, 'flaky.cjs'))).toEqual({});
    delete (globalThis as { __flaky?: number }).__flaky;
  });
});
