// The yaml package, bundled apart from the code that requires it. drift requires it where it is first
// used (lambdas/core/on-demand/yaml-package.ts): the estate and most config files go through drift's own
// readers, so most runs never need it. Bundled inline, its 250 KB (110 minified) would be read and
// compiled at every start; as a file beside the bundle, only by the run that requires it.
// (JavaScript, not TypeScript: lib/lambda-bundle.mjs and scripts/build.mjs run it as plain `node`.)
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file's name, beside the code that requires it. */
export const YAML_LIB = 'yaml-lib.cjs';

const REQUIRER = /[\\/]lambdas[\\/]core[\\/]on-demand[\\/]yaml-package\.ts$/;

/** esbuild plugin: the on-demand `require('yaml')` becomes `require('./yaml-lib.cjs')`, left to run time. */
export const yamlOnDemand = {
  name: 'yaml-on-demand',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) =>
      args.kind === 'require-call' && REQUIRER.test(args.importer) ? { path: `./${YAML_LIB}`, external: true } : undefined,
    );
  },
};

/** The package's text, minified or not, bundled once per process (the benchmark bundles six functions in one). */
const built = new Map();

/** Writes the yaml package as one CommonJS file, `dir`/yaml-lib.cjs, and returns its text. */
export async function writeYamlLib(dir, { minify = false } = {}) {
  if (!built.has(minify)) built.set(minify, bundleYaml(minify));
  const text = await built.get(minify);
  writeFileSync(path.join(dir, YAML_LIB), text);
  return text;
}

async function bundleYaml(minify) {
  const { outputFiles } = await build({
    stdin: { contents: "module.exports = require('yaml');", resolveDir: path.dirname(fileURLToPath(import.meta.url)) },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify,
    write: false,
    logLevel: 'warning',
  });
  return outputFiles[0].text;
}
