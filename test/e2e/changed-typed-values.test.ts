import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// Beside the mismatch a change opened (`db.timeout is 90s in prod`), the change itself read `45 → 90`.
describe('drift audit: a changed value of a typed key', () => {
  it('is reported with the unit its type reads it in, as the mismatch beside it is', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: orders',
        'environments:',
        '  prod: { sources: [ { dotenv: { from: prod.env } } ] }',
        'baseline:',
        '  keys:',
        '    db.timeout: { type: duration, value: 45s }',
        '',
      ].join('\n'),
      'prod.env': 'DB_TIMEOUT=45\n',
    });
    expect((await drift(['audit'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'prod.env'), 'DB_TIMEOUT=90\n');
    const r = await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; message: string; expected?: string; actual?: string }> };
    const changed = doc.findings.find((f) => f.kind === 'changed');
    expect(changed).toMatchObject({ message: 'db.timeout changed in prod: 45s → 90s', expected: '45', actual: '90' });
    expect(doc.findings.find((f) => f.kind === 'mismatch')?.message).toBe('db.timeout is 90s in prod; the baseline expects 45s');
  });
});
