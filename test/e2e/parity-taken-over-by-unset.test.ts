import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
parity:
  - { name: stg-vs-prod, environments: [staging, production] }
baseline:
  keys:
    inventory.url: { type: url }
    log.level: { type: string }
`;

interface Doc {
  findings: Array<{ kind: string; key?: string; environment?: string }>;
  resolved: Array<{ kind: string; key?: string; reason: string }>;
}

/** The findings on a key, but for `changed` (what a run saw change: beside the point here). */
const on = (doc: Doc, key: string) => doc.findings.filter((f) => f.key === key && f.kind !== 'changed');

const audit = async (dir: string, now: string): Promise<Doc> =>
  JSON.parse((await drift(['audit', '--format', 'json'], { cwd: dir, now: new Date(now) })).stdout) as Doc;

describe('a difference another kind takes over is resolved as carried on, not fixed', () => {
  test('a parity difference the code turns into unset (the code reads the key production lacks) is "now reported as unset"', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'staging.env': 'INVENTORY_URL=https://inventory.staging.internal\nLOG_LEVEL=info\n',
      'production.env': 'LOG_LEVEL=info\n',
      'src/app.py': 'import os\nURL = os.environ["INVENTORY_URL"]\nLEVEL = os.getenv("LOG_LEVEL", "info")\n',
    });
    const first = await audit(dir, '2026-11-24T02:00:00Z');
    expect(on(first, 'inventory.url').map((f) => f.kind)).toEqual(['parity']);

    writeFileSync(path.join(dir, 'drift.yaml'), `${ESTATE}code: { path: src }\n`);
    const second = await audit(dir, '2026-11-25T02:00:00Z');
    expect(on(second, 'inventory.url').map((f) => [f.kind, f.environment])).toEqual([['unset', 'production']]);
    expect(second.resolved.filter((f) => f.key === 'inventory.url').map((f) => [f.kind, f.reason])).toEqual([
      ['parity', 'now reported as unset'],
    ]);
  });

  test('a parity difference fixed for real in the same run is still "value fixed"', async () => {
    const dir = scratch({
      'drift.yaml': `${ESTATE}code: { path: src }\n`,
      'staging.env': 'LOG_LEVEL=debug\nINVENTORY_URL=https://i\n',
      'production.env': 'LOG_LEVEL=info\nINVENTORY_URL=https://i\n',
      'src/app.py': 'import os\nURL = os.environ["INVENTORY_URL"]\nLEVEL = os.getenv("LOG_LEVEL", "info")\n',
    });
    await audit(dir, '2026-11-24T02:00:00Z');
    writeFileSync(path.join(dir, 'staging.env'), 'LOG_LEVEL=info\n');
    const second = await audit(dir, '2026-11-25T02:00:00Z');
    expect(on(second, 'inventory.url').map((f) => [f.kind, f.environment])).toEqual([['unset', 'staging']]);
    expect(second.resolved.filter((f) => f.key === 'log.level').map((f) => [f.kind, f.reason])).toEqual([['parity', 'value fixed']]);
  });
});
