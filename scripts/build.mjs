// Bundles the CLI so `drift` starts fast: no TypeScript compiler at run time, and code splitting so a
// command loads only its own chunks (lambdas/cli/main.ts imports each command when it runs).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// What the bundle is built from, as one hash: stored memos of a run are reused only by the same build.
const sources = readdirSync('lambdas', { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .sort();
const buildId = createHash('sha256');
for (const f of sources)
  buildId
    .update(f)
    .update('\0')
    .update(readFileSync(`lambdas/${f}`))
    .update('\0');

// An optional folder instead of dist/cli: a copy to measure while another build rewrites dist/.
const outdir = process.argv[2] ?? 'dist/cli';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: 'lambdas/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __DRIFT_BUILD_ID__: JSON.stringify(buildId.digest('hex').slice(0, 16)) },
  // ESM has no `require`: the CommonJS packages in the bundle, and dynalite's `require.resolve`, need one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // dynalite loads a native LevelDB binding from its own package, and web-tree-sitter its .wasm from beside
  // its module: neither can be bundled (the grammars' .wasm are found with require.resolve at run time).
  external: ['dynalite', 'web-tree-sitter'],
});
