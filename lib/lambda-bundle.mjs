// How a Lambda handler is bundled: lib/functions.ts runs this file for each function of the stack,
// and bench/lambda-bundles.mjs imports it, so the benchmark measures what the stack deploys.
// (JavaScript, not TypeScript: the stack runs it as a plain `node` process, with esbuild's plugins.)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REQUIRE_BANNER } from './esm-require.mjs';
import { writeYamlLib, yamlOnDemand } from './yaml-on-demand.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** lib/functions.ts' BUNDLE_EXTERNALS: dynalite, and the credential providers after the environment's. */
export const BUNDLE_EXTERNALS = JSON.parse(readFileSync(path.join(here, 'bundle-externals.json'), 'utf8'));

const SCHEMAS = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
const CLIENT_PACKAGE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]package\.json$/;

/**
 * A client's generated schemas with each computed key `[_x]` that names one of the file's own
 * `const _x = "…"` written as that string: the same objects. esbuild cannot tell that such a key
 * runs no code, so it kept every operation's schema (`{ [_ht]: ["GET", …] }`) and, through them,
 * every shape of the service, used or not (EKS: 41 KiB of which 8 remain; S3: 68 of which 12).
 */
export function inlineSchemaKeys(source) {
  const strings = new Map();
  for (const m of source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)) strings.set(m[1], m[2]);
  return source.replace(/([{,]\s*)\[(_\w+)\]:/g, (all, before, name) => (strings.has(name) ? `${before}${strings.get(name)}:` : all));
}

/** A client's package.json as its code reads it: the version for the user agent, not the whole file (2 KiB a client). */
export const versionOnly = (json) => JSON.stringify({ version: JSON.parse(json).version });

const CLIENT_SETUP = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/](runtimeConfig|\w+Client)\.js$/;
const EVENT_STREAM_IMPORT =
  /^import \{ (eventStreamSerdeProvider|resolveEventStreamSerdeConfig),? \} from "@smithy\/core\/event-streams";$/gm;
const WITHOUT_EVENT_STREAMS = {
  // The protocol makes the marshaller when a stream is first read or written.
  eventStreamSerdeProvider: 'const eventStreamSerdeProvider = () => undefined;',
  // @smithy/core's resolver, as it is: the marshaller the provider makes.
  resolveEventStreamSerdeConfig:
    'const resolveEventStreamSerdeConfig = (input) => Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });',
};

/**
 * A client (S3) made without the event stream marshaller it made for every client: its protocol
 * imports the event stream code and makes one when an operation first reads or writes a stream
 * (HttpProtocol.loadEventStreamCapability), which no function does (S3 Select). The client's own
 * imports of that code (the provider in its runtime config, the resolver in its constructor) kept it,
 * 14 KiB, in every function's start (a chunk of its own in snapshot-target's).
 */
export const lazyEventStreams = (source) =>
  source.replace(
    EVENT_STREAM_IMPORT,
    (_, name) => `// lib/lambda-bundle.mjs: event streams load when first used.\n${WITHOUT_EVENT_STREAMS[name]}`,
  );

const SECRET_RULES = /[\\/]secret-rules[\\/]gitleaks-rules\.json$/;

/**
 * The converted gitleaks rules as a module of rows, made objects again when loaded: the same rules
 * and allowlists (what lambdas/core/values/secret-rules.ts reads) without 217 rules' property names,
 * 10 KiB of every function that detects secrets. The conversion's own notes (`source`, `dropped`) stay out.
 */
export function compactSecretRules(json) {
  const { rules, allowlists } = JSON.parse(json);
  const rows = rules.map((r) => [
    r.id,
    r.regex.source,
    r.regex.flags,
    r.keywords ?? 0,
    r.entropy ?? 0,
    r.secretGroup ?? 0,
    r.allowlists ?? 0,
  ]);
  const optional = ['keywords', 'entropy', 'secretGroup', 'allowlists'].map((k) => `...(${k}===0?{}:{${k}})`).join(',');
  return [
    `const rows=${JSON.stringify(rows)};`,
    `export const allowlists=${JSON.stringify(allowlists)};`,
    `export const rules=rows.map(([id,source,flags,keywords,entropy,secretGroup,allowlists])=>({id,regex:{source,flags},${optional}}));`,
    'export default{allowlists,rules};',
  ].join('');
}

/** The rewrites above, on the AWS SDK clients' files only, and the secret rules' rows. */
export const sdkTrim = {
  name: 'drift-sdk-trim',
  setup(b) {
    b.onLoad({ filter: SCHEMAS }, (args) => ({ contents: inlineSchemaKeys(readFileSync(args.path, 'utf8')), loader: 'js' }));
    b.onLoad({ filter: CLIENT_PACKAGE }, (args) => ({ contents: versionOnly(readFileSync(args.path, 'utf8')), loader: 'json' }));
    b.onLoad({ filter: CLIENT_SETUP }, (args) => ({ contents: lazyEventStreams(readFileSync(args.path, 'utf8')), loader: 'js' }));
    b.onLoad({ filter: SECRET_RULES }, (args) => ({ contents: compactSecretRules(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

// ES modules have no `require`, `__filename` or `__dirname`: the CommonJS packages in the bundle, the on-demand
// yaml package and the lazy source maps use them, each chunk its own.
const BANNER = [
  REQUIRE_BANNER,
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join(' ');

/** What Lambda loads: `index.mjs` (the handler `index.handler`), the chunks it imports beside it. */
export const ENTRY_FILE = 'index.mjs';

/**
 * The options every handler is bundled with: esbuild for the function's Node.js, minified, source
 * maps without sources, as ES modules split into chunks. A live kind's AWS SDK part is imported when
 * a source of the kind is first read (lambdas/adapters/live/live-kind.ts), so it is a chunk of its
 * own that a cold start does not load, nor a run that reads no source of the kind.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  splitting: true,
  entryNames: 'index',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  banner: { js: BANNER },
  // The dependencies' ES module builds before their CommonJS ones: esbuild can drop what a function
  // does not use only from ES modules (the AWS SDK's clients and core: a third of it).
  mainFields: ['module', 'main'],
  // The AWS SDK is bundled, but for what BUNDLE_EXTERNALS names: the runtime's copy changes version
  // under us, and drift's adapters are tested against the versions in package-lock.json.
  external: BUNDLE_EXTERNALS,
  logLevel: 'warning',
  plugins: [sdkTrim, yamlOnDemand],
};

/**
 * Bundles one handler (`entry`, a .ts file) into the folder `outdir`: index.mjs and its chunks, each
 * with its source map beside it, and the yaml package beside them, which the handler loads only if it
 * needs it (lib/yaml-on-demand.mjs).
 */
export async function bundleHandler(entry, outdir, options = {}) {
  const result = await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outdir, ...options });
  if (options.write !== false) await writeYamlLib(outdir, { minify: true });
  return result;
}

// `node lib/lambda-bundle.mjs <entry> <outdir>`: what lib/functions.ts runs.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) {
    process.stderr.write('usage: node lib/lambda-bundle.mjs <entry.ts> <outdir>\n');
    process.exit(2);
  }
  await bundleHandler(entry, outdir);
}
