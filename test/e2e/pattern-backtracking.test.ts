import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, scratch, TEST_KEY } from '../helpers/cli';

// A pattern with nested repetition against a value that almost matches backtracks exponentially:
// 60 characters would take longer than anyone waits. The CLI as users run it (bin/drift.js, the
// built bundle) bounds it; killed after two minutes, the run counts as hung.
describe('a key pattern that would backtrack for ever', () => {
  it.each([
    ['a value that almost matches', `X=${'a'.repeat(60)}!`, 1],
    ['a value that matches', `X=${'a'.repeat(60)}`, 0],
  ])('is judged, on %s', (_what, line, code) => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: t
environments:
  a:
    sources:
      - dotenv: { from: a.env }
baseline:
  keys:
    x: { pattern: "^(a+)+$" }
`,
      'a.env': `${line}\n`,
    });
    const run = spawnSync(
      process.execPath,
      [path.join(REPO, 'bin/drift.js'), 'audit', '--no-store', '--format', 'json', '-c', 'drift.yaml'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH, DRIFT_FINGERPRINT_KEY: TEST_KEY },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(code);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ kind: string; key?: string }> }).findings;
    expect(findings.filter((f) => f.kind === 'constraint' && f.key === 'x')).toHaveLength(code);
  });
});

describe('drift validate on a key pattern that would backtrack for ever', () => {
  it("refuses the baseline's own value that almost matches, at once, with its position", () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: t
environments:
  a:
    sources:
      - dotenv: { from: a.env }
baseline:
  keys:
    x: { pattern: "^(a+)+$", value: "${'a'.repeat(60)}!" }
`,
      'a.env': 'X=a\n',
    });
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/drift.js'), 'validate', '-c', 'drift.yaml'], {
      cwd: dir,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/drift\.yaml:9:\d+: value: does not match the pattern/);
  });
});
