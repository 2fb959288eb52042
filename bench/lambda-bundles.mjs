// Each Lambda handler bundled as the installation bundles it (lib/lambda-bundle.mjs: esbuild, minified,
// the AWS SDK inside), its size, and its cold load time: `require` of the bundle in a fresh Node.js
// process, median of 5.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleHandler } from '../lib/lambda-bundle.mjs';
import { YAML_LIB } from '../lib/yaml-on-demand.mjs';
import { stats } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const HANDLERS = ['plan-run', 'snapshot-target', 'audit-run', 'notify-run', 'route-events', 'sync-tickets'];
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

const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bundles-'));
try {
  const rows = [];
  for (const name of HANDLERS) {
    const outfile = path.join(dir, name, 'index.js');
    // What lib/functions.ts runs for each function of the stack.
    await bundleHandler(path.join(here, '..', 'lambdas', 'handlers', `${name}.ts`), outfile, { logLevel: 'error' });
    const bytes = statSync(outfile).size;
    // Beside the bundle, loaded only by a run that needs the yaml package (lib/yaml-on-demand.mjs).
    const onDemand = statSync(path.join(path.dirname(outfile), YAML_LIB)).size;
    const zipped = gzipSync(readFileSync(outfile)).length;
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      // As Lambda loads it: without --enable-source-maps, the handlers read their map at the first error (lambdas/adapters/lazy-source-maps.ts).
      const out = execFileSync(
        process.execPath,
        [
          '-e',
          `const t=process.hrtime.bigint();require(${JSON.stringify(outfile)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
        ],
        { encoding: 'utf8', env },
      );
      times.push(Number(out));
    }
    rows.push(
      `| ${name} | ${(bytes / 1024).toFixed(0)} KiB | ${(zipped / 1024).toFixed(0)} KiB | ${(onDemand / 1024).toFixed(0)} KiB | ${stats(times).median.toFixed(0)} ms |`,
    );
  }
  process.stdout.write(
    [
      '## Lambda bundles',
      '',
      `Bundled as the stack bundles them (esbuild for node24, minified, ES module builds first, source map, AWS SDK inside, its generated schemas' keys written out so unused shapes are dropped, but for the credential providers after the environment's); load time = \`require\` in a fresh process, as the stack runs it (the source map is read at a handler's first error, not at load), on this machine's Node.js, median of ${RUNS}.`,
      '',
      `| handler | bundle | gzip | beside it, loaded on demand (${YAML_LIB}) | cold load |`,
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
