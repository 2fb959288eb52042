// Each Lambda handler bundled as the installation bundles it (lib/lambda-bundle.mjs: esbuild, minified,
// ES module chunks, the AWS SDK inside), its size, and its cold load time: `import()` of the entry in a
// fresh Node.js process, as the Lambda runtime (itself an ES module) loads it, median of 9.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ENTRY_FILE, bundleHandler } from '../lib/lambda-bundle.mjs';
import { YAML_LIB } from '../lib/yaml-on-demand.mjs';
import { stats } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Every function the stack can install is a file there (the run's stages, the optional ones, the seeding custom resource).
const HANDLERS = readdirSync(path.join(here, '..', 'lambdas', 'handlers'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();
const RUNS = 9;
const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  DRIFT_TABLE: 't',
  DRIFT_BUCKET: 'b',
  DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t',
  DRIFT_SLACK_SECRET_ARN: 's',
  DRIFT_FINGERPRINT_SECRET_ARN: 'f',
  DRIFT_TICKETS: '{"tracker":"github","repo":"o/r"}',
  DRIFT_TICKETS_SECRET_ARN: 't',
  AWS_REGION: 'us-east-1',
};

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The entry and the chunks it imports statically, as `import()` loads them (not what it imports when a run needs it): file names. */
function loadedAtStart(metafile) {
  const entry = Object.keys(metafile.outputs).find((f) => path.basename(f) === ENTRY_FILE);
  const seen = new Set();
  for (const todo = entry ? [entry] : []; todo.length;) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of metafile.outputs[file].imports) if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
  }
  return [...seen].map((f) => path.basename(f));
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bundles-'));
try {
  const rows = [];
  for (const name of HANDLERS) {
    const outdir = path.join(dir, name);
    // What lib/functions.ts runs for each function of the stack.
    const { metafile } = await bundleHandler(path.join(here, '..', 'lambdas', 'handlers', `${name}.ts`), outdir, {
      logLevel: 'error',
      metafile: true,
    });
    const entry = path.join(outdir, ENTRY_FILE);
    const chunks = readdirSync(outdir).filter((f) => f.endsWith('.mjs') && f !== ENTRY_FILE);
    // The function's code: the entry and its chunks (the yaml package beside them is counted as on demand).
    const bytes = [ENTRY_FILE, ...chunks].reduce((sum, f) => sum + statSync(path.join(outdir, f)).size, 0);
    const atStart = loadedAtStart(metafile);
    const startBytes = atStart.reduce((sum, f) => sum + statSync(path.join(outdir, f)).size, 0);
    // The chunks imported when a run needs them, and the yaml package beside them (lib/yaml-on-demand.mjs).
    const onDemand = [...chunks.filter((f) => !atStart.includes(f)), YAML_LIB];
    const onDemandBytes = onDemand.reduce((sum, f) => sum + statSync(path.join(outdir, f)).size, 0);
    const zipped = gzipSync(Buffer.concat(atStart.map((f) => readFileSync(path.join(outdir, f))))).length;
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      // As Lambda loads it: without --enable-source-maps, the handlers read their maps at the first error (lambdas/adapters/lazy-source-maps.ts).
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t=process.hrtime.bigint();await import(${JSON.stringify(pathToFileURL(entry).href)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
        ],
        { encoding: 'utf8', env },
      );
      times.push(Number(out));
    }
    rows.push(
      `| ${name} | ${kib(bytes)} in ${chunks.length + 1} files | ${kib(startBytes)} in ${atStart.length} files | ${kib(zipped)} | ${kib(onDemandBytes)} in ${onDemand.length} files | ${stats(times).median.toFixed(0)} ms |`,
    );
  }
  process.stdout.write(
    [
      '## Lambda bundles',
      '',
      `Bundled as the stack bundles them (esbuild for node24, minified, ES module chunks, source maps, AWS SDK inside, its generated schemas' keys written out so unused shapes are dropped, but for the credential providers after the environment's); a live kind's AWS SDK part is a chunk imported at the kind's first source. Load time = \`import()\` of ${ENTRY_FILE} in a fresh process, as the stack runs it (the source maps are read at a handler's first error, not at load), on this machine's Node.js, median of ${RUNS}.`,
      '',
      `| handler | bundle (${ENTRY_FILE} and its chunks) | loaded at start | gzip of it | loaded on demand (chunks, ${YAML_LIB}) | cold load |`,
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
