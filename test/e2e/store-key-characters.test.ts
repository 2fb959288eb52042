import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// Whoever writes a settings file names its keys with any characters: the store's key design (`#`
// separators), a NUL, and JSON's \uD800 escapes, which make a key JavaScript holds apart from
// another (`a\uD800`, `a\uD801`) but that UTF-8, the hashes and DynamoDB see as one.
const KEYS = ['a\ud800', 'a\ud801', 'b\udc00x', 'n\u0000ul', 'h#a|sh', 'h%23a|sh'];

const ESTATE = `version: 1
name: chars
environments:
  a:
    sources:
      - file: { from: a.json }
  b:
    sources:
      - file: { from: b.json }
baseline:
  undeclared: info
  keys:
    other: { value: a }
`;

type Doc = { findings: Array<{ id: string; kind: string; key?: string; actual?: string }> };

const values = (n: number): string => JSON.stringify({ ...Object.fromEntries(KEYS.map((k, i) => [k, `v${n}-${i}`])), other: 'a' });

describe('keys whose characters the store must keep apart', () => {
  test('each is its own finding, in every run with the store, and its own history', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'a.json': values(1), 'b.json': JSON.stringify({ other: 'a' }) });
    const runs: Doc[] = [];
    for (const [n, day] of [
      [1, '2026-11-24'],
      [2, '2026-11-25'],
    ] as const) {
      writeFileSync(path.join(dir, 'a.json'), values(n));
      const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date(`${day}T02:00:00Z`) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      runs.push(JSON.parse(r.stdout) as Doc);
    }
    for (const doc of runs) {
      const undeclared = doc.findings.filter((f) => f.kind === 'undeclared');
      expect(undeclared).toHaveLength(KEYS.length);
      expect(new Set(undeclared.map((f) => f.id)).size).toBe(KEYS.length);
      expect(new Set(undeclared.map((f) => f.key)).size).toBe(KEYS.length);
    }
    const actuals = runs[1]!.findings.filter((f) => f.kind === 'undeclared').map((f) => f.actual);
    expect(actuals.sort()).toEqual(KEYS.map((_, i) => `v2-${i}`).sort());
    for (const [i, key] of KEYS.entries()) {
      const history = await drift(['history', 'a', key, '--format', 'json'], { cwd: dir });
      expect(history.code).toBe(0);
      expect(history.stdout).toContain(`v2-${i}`);
      expect(history.stdout).not.toMatch(new RegExp(`v2-(?!${i}")`));
    }
  });
});
