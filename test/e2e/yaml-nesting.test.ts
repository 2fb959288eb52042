import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, scratch, TEST_KEY } from '../helpers/cli';

// YAML nested some thousands deep overflows the stack in the yaml package: `drift validate` of an estate whose labels
// nest 2,000 deep stopped with "drift: internal error: RangeError: Maximum call stack size exceeded" (exit 70), and
// `drift code scan` of a tree with two node-config files of 3,000 `[` aborted ("FATAL ERROR: RegExpCompiler Allocation
// failed - process out of memory", exit 134) when an overflow landed in V8 compiling a pattern. Text nested deeper than
// the package can read is now refused before it is parsed. bin/drift.js needs `node scripts/build.mjs` first.
const DEEP_BLOCK = (n: number): string => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 3)}k${i}:`).join('\n')} x\n`;
const DEEP_FLOW = `a: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;

function drift(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH, TMPDIR: cwd, DRIFT_FINGERPRINT_KEY: TEST_KEY },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('YAML nested thousands deep', () => {
  test('drift validate says where the estate file nests too deeply', () => {
    // The package's parser overflows closing the levels, at the key after them.
    const estate = `version: 1\nname: app\nenvironments:\n  dev:\n    sources: []\n    labels:\n${DEEP_BLOCK(2000)}baseline:\n  keys: {}\n`;
    const run = drift(['validate'], scratch({ 'drift.yaml': estate }));
    expect(run.stderr).toMatch(/^drift\.yaml:\d+:1: nested too deeply to read$/m);
    expect(run.stderr).not.toMatch(/internal error|RangeError/);
    expect(run.code).toBe(2);
  });

  test('drift code scan reads the code beside node-config files nested too deeply', () => {
    const dir = scratch({
      'package.json': '{"dependencies":{"config":"1"}}',
      'config/default.yml': DEEP_FLOW,
      'config/production.yml': DEEP_FLOW,
      'app.js': 'const config = require("config");\nconfig.get("db.host");\n',
    });
    const run = drift(['code', 'scan', '.', '--format', 'json'], dir);
    expect(run.stderr).not.toMatch(/FATAL|out of memory/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).reads.map((r: { key: string }) => r.key)).toEqual(['db.host']);
  });
});
