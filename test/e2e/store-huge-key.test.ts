import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// Whoever writes a settings file names its keys, at any length. A key of hundreds of KB is in the
// finding state, the event and the change history the store writes: none of them may fail the run,
// or one such key would take every finding of the estate with it, every night.
const HUGE_KEY = 'k'.repeat(400_000);

const ESTATE = `version: 1
name: big
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

type Doc = { findings: Array<{ kind: string; environment?: string; key?: string; actual?: string }> };

describe('a key too big for a DynamoDB item', () => {
  test('is stored cut: the audits with the store go on, their findings and the history kept', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'a.json': JSON.stringify({ [HUGE_KEY]: 'v1', other: 'a' }),
      'b.json': JSON.stringify({ other: 'a' }),
    });
    const first = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as Doc).findings.map((f) => [f.kind, f.key?.length])).toEqual([['undeclared', HUGE_KEY.length]]);

    writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ [HUGE_KEY]: 'v2', other: 'changed' }));
    const second = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const found = (JSON.parse(second.stdout) as Doc).findings.map((f) => `${f.kind} ${f.environment} ${f.key?.slice(0, 5)} ${f.actual}`);
    expect(found).toEqual(expect.arrayContaining(['mismatch a other changed', 'undeclared a kkkkk v2']));

    const history = await drift(['history', 'a', 'other'], { cwd: dir });
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/a\s*→\s*changed/);
  });
});
