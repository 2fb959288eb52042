// Run by test/infra/lambda-bundle.test.ts (jest cannot import an ES module file): bundles every
// installed AWS SDK client's generated schemas with and without lib/lambda-bundle.mjs' rewrite,
// evaluates both and compares what they export, thunks followed, cycles once. Prints JSON.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { BUNDLE_OPTIONS, sdkTrim } from '../../../lib/lambda-bundle.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const sdk = path.join(root, 'node_modules', '@aws-sdk');
const require = createRequire(path.join(root, 'package.json'));

/** What a bundle of `file` exports, evaluated here. */
async function exportsOf(file, plugins) {
  const { outputFiles } = await build({
    ...BUNDLE_OPTIONS,
    // One CommonJS file to evaluate here: the rewrite is the same whatever the bundle's format.
    format: 'cjs',
    splitting: false,
    banner: {},
    stdin: { contents: `export * from ${JSON.stringify(file)};`, resolveDir: root, loader: 'js' },
    minify: false,
    sourcemap: false,
    write: false,
    plugins,
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

const isClass = (f) => /^class\b/.test(Function.prototype.toString.call(f));

/** Where `a` and `b` first differ (a path), or undefined when they are the same. */
function difference(a, b, at, seen) {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null) return at;
  if (typeof a === 'function') {
    if (isClass(a) || isClass(b)) return a.name === b.name && isClass(a) === isClass(b) ? undefined : at;
    return a.length === 0 && b.length === 0 ? difference(a(), b(), `${at}()`, seen) : undefined;
  }
  if (typeof a !== 'object') return at;
  const pairs = seen.get(a) ?? new Set();
  if (pairs.has(b)) return undefined;
  seen.set(a, pairs.add(b));
  if (Array.isArray(a) !== Array.isArray(b) || a.constructor?.name !== b.constructor?.name) return at;
  // Keyed by schemas too (objects of each evaluation): entries are compared in their order.
  if (a instanceof Map) return difference([...a], [...b], `${at}.entries`, seen);
  const keys = Object.keys(a);
  if (keys.join() !== Object.keys(b).join()) return `${at} keys`;
  for (const k of keys) {
    const d = difference(a[k], b[k], `${at}.${k}`, seen);
    if (d) return d;
  }
  return undefined;
}

const clients = readdirSync(sdk).filter((d) => d.startsWith('client-'));
const files = [];
const differing = [];
for (const client of clients) {
  const dir = path.join(sdk, client, 'dist-es', 'schemas');
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((f) => /^schemas_\d+\.js$/.test(f))) {
    const file = path.join(dir, name);
    files.push(`${client}/${name}`);
    const d = difference(await exportsOf(file, []), await exportsOf(file, [sdkTrim]), 'exports', new Map());
    if (d) differing.push(`${client}/${name}: ${d}`);
  }
}

// What the clients read of their package.json: the rewrite keeps `version` alone.
const packageReads = new Set();
for (const client of clients) {
  const dir = path.join(sdk, client, 'dist-es');
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const imported = /^import (\w+) from "(?:\.\.\/)+package\.json";$/m.exec(text)?.[1];
    if (imported) for (const m of text.matchAll(new RegExp(`\\b${imported}\\b(\\.\\w+)?`, 'g'))) packageReads.add(m[1] ?? '(whole)');
  }
}
// The import line itself names it once without a property.
packageReads.delete('(whole)');

process.stdout.write(JSON.stringify({ files, differing, packageReads: [...packageReads] }));
