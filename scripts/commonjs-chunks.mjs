// The CLI bundle again as CommonJS, chunk for chunk: Node.js 20 has no code cache for ES modules, and
// bin/drift.js loads these copies through one (lambdas/cli/code-cache.ts), so a start skips compiling them.
import { transform } from 'esbuild';

/**
 * The CommonJS text of one ES chunk of the bundle: the `require` banner dropped (CommonJS has its own),
 * relative `.mjs` imports pointed at the `.cjs` copies, dynamic imports made `require` calls (a script
 * compiled with a code cache has no module loader behind `import()`), and strict like the module it was.
 */
export async function commonJsChunk(esm, banner) {
  const source = esm.replace(banner, '').replace(/(["'])(\.\.?\/[^"']+)\.mjs\1/g, '$1$2.cjs$1');
  const { code } = await transform(source, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    banner: "'use strict';",
    logLevel: 'warning',
  });
  return code;
}
