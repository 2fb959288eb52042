import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, scratch, TEST_KEY } from '../helpers/cli';

// Danish collation sorts `aa` after `z`: the order of findings must not follow the machine's language, or the same
// audit lists its findings differently on a laptop and in CI.
const ESTATE = `version: 1
name: order
environments:
  a: { sources: [ { dotenv: { from: a.env } } ] }
  b: { sources: [ { dotenv: { from: b.env } } ] }
parity:
  - name: both
    environments: [a, b]
`;

function keysInOrder(locale: string): string[] {
  const dir = scratch({ 'drift.yaml': ESTATE, 'a.env': 'AA_X=1\nZ_X=1\nY_X=1\n', 'b.env': 'AA_X=2\nZ_X=2\nY_X=2\n' });
  const run = spawnSync(
    process.execPath,
    [
      path.join(REPO, 'bin/drift.js'),
      'audit',
      '-c',
      path.join(dir, 'drift.yaml'),
      '--format',
      'json',
      '--no-store',
      '--as-of',
      '2026-11-24',
    ],
    { encoding: 'utf8', env: { ...process.env, LANG: locale, LC_ALL: locale, DRIFT_FINGERPRINT_KEY: TEST_KEY } },
  );
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { findings: Array<{ key?: string }> }).findings.map((f) => f.key ?? '');
}

describe('the order of findings', () => {
  it('is the same whatever language the machine runs in', () => {
    const plain = keysInOrder('C');
    // Parity findings first (medium), then each environment's undeclared keys (info), each in key order.
    expect(plain).toEqual(['aa.x', 'y.x', 'z.x', 'aa.x', 'y.x', 'z.x', 'aa.x', 'y.x', 'z.x']);
    expect(keysInOrder('da_DK.UTF-8')).toEqual(plain);
  });
});
