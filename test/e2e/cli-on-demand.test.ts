import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, TEST_KEY } from '../helpers/cli';

// What bin/drift.js loaded, written when the process exits: whether it read the yaml package's bundle
// (dist/cli/chunks/yaml-lib.cjs) and whether Node.js loaded node:crypto.
const PRELOAD = `
const fs = require('node:fs');
const read = fs.readFileSync;
let yamlLib = false;
fs.readFileSync = function (file, ...rest) {
  if (String(file).endsWith('yaml-lib.cjs')) yamlLib = true;
  return read.call(this, file, ...rest);
};
process.on('exit', () => {
  const crypto = process.moduleLoadList.includes('NativeModule crypto');
  fs.writeFileSync(process.env.LOADED_REPORT, JSON.stringify({ yamlLib, crypto }));
});
`;

function drift(args: string[]): { code: number | null; stdout: string; stderr: string; loaded: { yamlLib: boolean; crypto: boolean } } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'drift-on-demand-'));
  const preload = path.join(tmp, 'preload.cjs');
  const report = path.join(tmp, 'loaded.json');
  writeFileSync(preload, PRELOAD);
  const run = spawnSync(process.execPath, ['--require', preload, path.join(REPO, 'bin/drift.js'), ...args], {
    cwd: tmp,
    env: { PATH: process.env.PATH, TMPDIR: tmp, DRIFT_FINGERPRINT_KEY: TEST_KEY, LOADED_REPORT: report },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, loaded: JSON.parse(readFileSync(report, 'utf8')) };
}

describe('bin/drift.js loads the yaml package and node:crypto only when a command needs them', () => {
  test('validate of a sound estate: neither is loaded', () => {
    const run = drift(['validate', '-c', path.join(REPO, 'examples', 'drift.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/is valid: estate checkout-api/);
    expect(run.loaded).toEqual({ yamlLib: false, crypto: false });
  });

  test('validate of an estate with a mistake: the yaml package is loaded for its position, which is right', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-on-demand-estate-'));
    const file = path.join(dir, 'drift.yaml');
    writeFileSync(file, 'version: 1\nname: x\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: a.env }\n    colour: blue\n');
    const run = drift(['validate', '-c', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('drift.yaml:7:5: environments.dev: unknown field "colour"');
    expect(run.loaded.yamlLib).toBe(true);
  });

  test('an audit that fingerprints secrets loads node:crypto, and answers as before', () => {
    const run = drift(['audit', '--no-store', '-c', path.join(REPO, 'examples', 'drift.yaml'), '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(0);
    expect(run.loaded.crypto).toBe(true);
  });
});
