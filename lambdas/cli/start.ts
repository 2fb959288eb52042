import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allowLinearRegExp } from '../adapters/linear-regexp';
import { ChunkLoader } from './chunk-loader';
import { CodeCache, codeCacheFolder } from './code-cache';
import type { CliIo } from './io';

declare const __DRIFT_BUNDLE_ID__: string | undefined;
declare const __DRIFT_MAIN_CJS__: string | undefined;

/** The command a run's cached code is kept for: its first word (`validate`, `audit`), or `-` for a bare flag. */
export const cacheTagOf = (argv: readonly string[]): string => (/^[a-z][a-z-]*$/.test(argv[2] ?? '') ? (argv[2] as string) : '-');

/**
 * Runs `drift` from the CommonJS bundle in `root` (dist/cli), its chunks compiled through this build's
 * code cache, and returns the exit code. NODE_DISABLE_COMPILE_CACHE, Node.js's own switch, turns it off.
 * `io` (the process's streams unless given) is what main reads and writes: the benchmark counts output.
 */
export async function start(root: string, argv: string[], io?: CliIo): Promise<number> {
  // Commands that judge values (validate too: the baseline's own against its pattern) match key
  // patterns on the linear-time engine. Its flag is set before any chunk compiles: V8 checks a code
  // cache against the flags it was made with, so set later every chunk loaded before would compile
  // afresh on every run. Not for --version and --help, which it would slow by 2-3%.
  const command = cacheTagOf(argv);
  if (command !== '-') allowLinearRegExp();
  const env = io?.env ?? process.env;
  const uid = process.getuid?.();
  // The bundle's own hash (scripts/build.mjs): a rebuilt or upgraded CLI never runs another bundle's code.
  const bundle = typeof __DRIFT_BUNDLE_ID__ === 'string' ? __DRIFT_BUNDLE_ID__ : undefined;
  const dir =
    bundle === undefined || env.NODE_DISABLE_COMPILE_CACHE
      ? undefined
      : codeCacheFolder(tmpdir(), bundle, { v8: process.versions.v8, arch: process.arch, uid, root });
  const cache = new CodeCache(dir, command, uid);
  // main's CommonJS copy is named by its hash, as every chunk is (scripts/build.mjs).
  const entry = typeof __DRIFT_MAIN_CJS__ === 'string' ? __DRIFT_MAIN_CJS__ : 'main.cjs';
  let code: number;
  try {
    const { main } = new ChunkLoader(cache).load(path.join(root, entry)) as typeof import('./main');
    code = await main(argv, io);
  } catch (err) {
    // Not the user's error (main says those itself): a fault of drift's or of its installation, said with its stack.
    const stack = (err as { stack?: unknown } | undefined)?.stack;
    process.stderr.write(`drift: internal error: ${typeof stack === 'string' ? stack : String(err)}\n`);
    code = EXIT_INTERNAL;
  }
  cache.save();
  return code;
}

/**
 * The exit code of a fault of drift's own (sysexits' EX_SOFTWARE): never 1, which says findings, so a
 * pipeline that lets findings through (`drift audit || [ $? -eq 1 ]`) still stops on a crash.
 */
export const EXIT_INTERNAL = 70;

export { exitWhenIdle } from './exit-when-idle';
