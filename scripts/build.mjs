// Bundles the CLI so `drift` starts fast: no TypeScript compiler at run time, and code splitting so a
// command loads only its own chunks (lambdas/cli/main.ts imports each command when it runs).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { commonJsChunk } from './commonjs-chunks.mjs';
import { REQUIRE_BANNER } from '../lib/esm-require.mjs';
import { YAML_LIB, writeYamlLib, yamlOnDemand } from '../lib/yaml-on-demand.mjs';

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
const define = { __DRIFT_BUILD_ID__: JSON.stringify(buildId.digest('hex').slice(0, 16)) };

// commander requires child_process (and with it net, dgram and the streams) for executable subcommands, which
// drift has none of: it loads when first used instead of at every start.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

// An optional folder instead of dist/cli: a copy to measure while another build rewrites dist/.
const outdir = process.argv[2] ?? 'dist/cli';
rmSync(outdir, { recursive: true, force: true });
const { outputFiles } = await build({
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
  define,
  banner: { js: REQUIRE_BANNER },
  // dynalite loads a native LevelDB binding from its own package, and web-tree-sitter its .wasm from beside
  // its module: neither can be bundled (the grammars' .wasm are found with require.resolve at run time).
  external: ['dynalite', 'web-tree-sitter'],
  plugins: [lazyChildProcess, yamlOnDemand],
  write: false,
});
// The chunk that requires it sits in chunks/, beside it: the require is relative.
const yamlRequirers = outputFiles.filter((f) => f.path.endsWith('.mjs') && f.text.includes(`"./${YAML_LIB}"`));
if (yamlRequirers.some((f) => path.dirname(f.path) !== path.resolve(outdir, 'chunks')))
  throw new Error(`build: ${YAML_LIB} is required from outside chunks/`);

// The ES modules (what `import('dist/cli/main.mjs')` gets), and beside each its CommonJS copy (what bin/drift.js runs).
// The copies' hash names their code cache: another bundle never reads it, whatever changed (sources, packages, esbuild).
const bundleId = createHash('sha256');
const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
let mainCjs;
for (const f of outputFiles) {
  mkdirSync(path.dirname(f.path), { recursive: true });
  writeFileSync(f.path, f.contents);
  if (!f.path.endsWith('.mjs')) continue;
  const cjs = await commonJsChunk(f.text, REQUIRE_BANNER);
  // A cached chunk is found by its file's name: the chunks' names hold their hash, and main's copy is named by its own.
  const isMain = f.path === path.resolve(outdir, 'main.mjs');
  const file = isMain ? path.join(outdir, (mainCjs = `main-${sha(cjs)}.cjs`)) : f.path.replace(/\.mjs$/, '.cjs');
  writeFileSync(file, cjs);
  bundleId.update(path.relative(outdir, file)).update('\0').update(cjs).update('\0');
}
// Beside the chunks, which require it by a relative path (lib/yaml-on-demand.mjs); its code is cached as theirs is.
const yamlLib = await writeYamlLib(path.resolve(outdir, 'chunks'));
bundleId.update(`chunks/${YAML_LIB}`).update('\0').update(yamlLib).update('\0');
// What bin/drift.js requires: it loads main's copy and the chunks through the code cache (lambdas/cli/start.ts).
await build({
  entryPoints: { start: 'lambdas/cli/start.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  define: {
    ...define,
    __DRIFT_BUNDLE_ID__: JSON.stringify(bundleId.digest('hex').slice(0, 16)),
    __DRIFT_MAIN_CJS__: JSON.stringify(mainCjs),
  },
});
