import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// The story's configuration sprawl: the value changed in Parameter Store, but the environment runs
// the one a later source sets. `drift history` is where the on-call engineer looks for "what does it
// run now": a change that never took effect must say so there, as the `changed` finding does.

const ESTATE = `version: 1
name: shop
environments:
  prod:
    sources:
      - dotenv: { from: base.env }
      - dotenv: { from: override.env }
baseline:
  keys:
    db.password: { secret: true }
`;

describe('drift history marks a change another source overrides', () => {
  it('says the change is not in effect and what the environment runs instead, in text and JSON', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'base.env': 'POOL_SIZE=20\nDB_PASSWORD=before-rotation-1\n',
      'override.env': 'POOL_SIZE=10\nDB_PASSWORD=before-rotation-1\n',
    });
    await drift(['audit'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    writeFileSync(path.join(dir, 'base.env'), 'POOL_SIZE=25\nDB_PASSWORD=rotated-in-one-place\n');
    await drift(['audit'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });

    const pool = await drift(['history', 'prod', 'POOL_SIZE'], { cwd: dir });
    expect(pool.stdout).toBe(
      [
        'pool.size in prod',
        '  2026-11-25T02:00:00.000Z  20 → 25  ·  dotenv base.env:1  (not in effect: overridden by dotenv override.env: 10)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await drift(['history', 'prod', 'pool.size', '--format', 'json'], { cwd: dir })).stdout) as {
      changes: Array<{ notInEffect?: { by: string; value: string } }>;
    };
    expect(json.changes[0]?.notInEffect).toEqual({ by: 'dotenv override.env', value: '10' });

    // A secret rotated in one place only: what runs instead is shown as its fingerprint, never in plain text.
    const secret = await drift(['history', 'prod', 'DB_PASSWORD'], { cwd: dir });
    expect(secret.stdout).toMatch(/\(not in effect: overridden by dotenv override\.env: <secret:[0-9a-f]{8}>\)\n$/);
    expect(secret.stdout).not.toContain('rotation');
  });

  it('a change the environment runs carries no such note', async () => {
    const dir = scratch({ 'drift.yaml': ESTATE, 'base.env': 'POOL_SIZE=20\n', 'override.env': 'POOL_SIZE=10\n' });
    await drift(['audit'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    writeFileSync(path.join(dir, 'override.env'), 'POOL_SIZE=12\n');
    await drift(['audit'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const out = await drift(['history', 'prod', 'POOL_SIZE'], { cwd: dir });
    expect(out.stdout).toBe(['pool.size in prod', '  2026-11-25T02:00:00.000Z  10 → 12  ·  dotenv override.env:1', ''].join('\n'));
  });
});
