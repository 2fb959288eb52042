import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

describe('a changed layer another source overrides, through a stored audit', () => {
  test('is reported as not in effect, with what the environment runs', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: base.env }\n      - dotenv: { from: override.env }\n',
      'base.env': 'WORKER_COUNT=8\n',
      'override.env': 'WORKER_COUNT=8\n',
    });
    await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    writeFileSync(path.join(dir, 'base.env'), 'WORKER_COUNT=9\n');
    const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const changed = (JSON.parse(r.stdout) as { findings: { kind: string; message: string }[] }).findings.filter(
      (f) => f.kind === 'changed',
    );
    expect(changed.map((f) => f.message)).toEqual([
      'worker.count changed in prod: 8 → 9 (not in effect, overridden by dotenv override.env: 8)',
    ]);
  });
});
