import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift, REPO } from '../helpers/cli';

// The benchmark compares the audit with a naive baseline on every estate shape: both must read the
// same keys and find the same ones differing, or the comparison means nothing. Small estates of each
// shape (3 environments × 300 keys) keep this fast; nothing here is timed.
const SHAPES = [
  'mirror',
  'shuffled',
  'unique-5',
  'drift-20',
  'drift-low',
  'pretty',
  'yaml',
  'long-values',
  'k8s',
  'ecs',
  'mid-size',
  'messy',
];

const node = (args: string[]): string => {
  const run = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
};

describe('bench estate shapes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'drift-shape-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each(SHAPES)('%s: the audit and the naive baseline find the same differing keys', async (shape) => {
    node(['bench/generate-estate.mjs', shape, dir, '--envs', '3', '--keys', '300']);
    const naive = /^(\d+) of (\d+) keys differ/.exec(node(['bench/naive-audit.mjs', dir]));
    const run = await drift(['audit', '--no-store', '-c', path.join(dir, 'drift.yaml'), '--format', 'json']);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ kind: string; key: string }> };

    expect(findings.filter((f) => f.kind !== 'parity')).toEqual([]);
    expect(new Set(findings.map((f) => f.key)).size).toBe(Number(naive?.[1]));
    expect(Number(naive?.[2])).toBeGreaterThanOrEqual(300);
  });

  test('the generator writes the same bytes on every run', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'drift-shape-'));
    try {
      node(['bench/generate-estate.mjs', 'messy', dir, '--envs', '2', '--keys', '200']);
      node(['bench/generate-estate.mjs', 'messy', other, '--envs', '2', '--keys', '200']);
      for (const file of ['drift.yaml', 'env-01.yaml', 'env-01-ssm.json', 'env-01.env', 'estate.json']) {
        expect(readFileSync(path.join(other, file), 'utf8')).toBe(readFileSync(path.join(dir, file), 'utf8'));
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
