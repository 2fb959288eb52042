// Runs one audit in this process as bin/drift.js runs it (dist/cli/start.cjs: the command's chunks
// through the installation's V8 code cache) and prints wall time, peak memory and page faults as JSON on stderr.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli');
const [config, format = 'json'] = process.argv.slice(2);
let bytes = 0;
const sink = { write: (s) => (bytes += s.length), isTTY: false };
const started = process.hrtime.bigint();
const { start } = require(path.join(cli, 'start.cjs'));
const code = await start(cli, ['node', 'drift', 'audit', '-c', config, '--format', format, '--as-of', '2026-11-24', '--no-store'], {
  stdout: sink,
  stderr: { write: (s) => process.stderr.write(s), isTTY: false },
  env: { ...process.env, DRIFT_FINGERPRINT_KEY: Buffer.alloc(32, 1).toString('base64') },
  cwd: process.cwd(),
});
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stderr.write(
  `${JSON.stringify({ ms: Math.round(ms), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), faults: process.resourceUsage().minorPageFault, exit: code, outputChars: bytes })}\n`,
);
