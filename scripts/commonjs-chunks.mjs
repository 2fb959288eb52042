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
  return directExports(code);
}

const TO_COMMON_JS = 'module.exports = __toCommonJS(stdin_exports);';

/**
 * The chunk's own export object as `module.exports`, marked as an ES module, instead of esbuild's copy
 * of it. The copy reads each export through one getter shared by every export of every chunk
 * (`() => from[key]`), which V8 cannot make fast: hot calls from chunk to chunk spent 3% of a big
 * audit there. Each export keeps its own getter, so bindings stay live, as esbuild's are.
 */
function directExports(code) {
  const at = code.indexOf(TO_COMMON_JS);
  if (at < 0) {
    if (code.includes('__toCommonJS(stdin_exports)'))
      throw new Error('commonjs-chunks: esbuild wrote the exports in a shape this build does not know');
    return code;
  }
  return `${code.slice(0, at)}module.exports = __defProp(stdin_exports, "__esModule", { value: true });${code.slice(at + TO_COMMON_JS.length)}`;
}
