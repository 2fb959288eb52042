// Bundles the CLI into one file so `drift` starts fast (no TypeScript compiler at run time).
import { build } from 'esbuild';

await build({
  entryPoints: ['lambdas/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // dynalite loads a native LevelDB binding from its own package: it cannot be bundled.
  external: ['dynalite'],
});
