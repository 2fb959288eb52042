// Bundles the CLI so `drift` starts fast: no TypeScript compiler at run time, and code splitting so a
// command loads only its own chunks (lambdas/cli/main.ts imports each command when it runs).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: { main: 'lambdas/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // ESM has no `require`: the CommonJS packages in the bundle, and dynalite's `require.resolve`, need one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // dynalite loads a native LevelDB binding from its own package: it cannot be bundled.
  external: ['dynalite'],
});
