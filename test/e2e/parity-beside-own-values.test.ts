import { drift, scratch } from '../helpers/cli';

interface Found {
  kind: string;
  group?: string;
  key?: string;
  values?: Record<string, string | null>;
  message: string;
}

// The regional story: EU's pool was cut during an incident and the team wrote that down for EU alone
// (`values: { production-eu: 10 }`); the other regions have no value of their own and must still agree.
function estate(pools: Record<string, string>, spec: string): string {
  const envs = Object.keys(pools);
  return scratch({
    'drift.yaml': [
      'version: 1',
      'name: checkout',
      'environments:',
      ...envs.map((e) => `  ${e}: { sources: [ { dotenv: { from: ${e}.env } } ] }`),
      'parity:',
      `  - { name: regions, environments: [${envs.join(', ')}] }`,
      'baseline:',
      '  keys:',
      `    db.pool.size: ${spec}`,
      '',
    ].join('\n'),
    ...Object.fromEntries(Object.entries(pools).map(([e, v]) => [`${e}.env`, `DB_POOL_SIZE=${v}\n`])),
  });
}

async function findings(dir: string): Promise<Found[]> {
  const r = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { findings: Found[] }).findings;
}

describe('a parity group where the baseline expects a value in some members only', () => {
  const own = '{ type: int, values: { production-eu: 10 } }';

  it('compares the members without a value of their own, and says which member its value judges', async () => {
    const found = await findings(estate({ 'production-us': '20', 'production-eu': '10', 'production-ap': '25' }, own));
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'parity',
        group: 'regions',
        key: 'db.pool.size',
        values: { 'production-us': '20', 'production-ap': '25' },
        message:
          'db.pool.size differs across regions: production-us 20, production-ap 25; the baseline expects its own value in production-eu (10)',
      }),
    ]);
  });

  it('is quiet when they agree, however they write it, and leaves the judged member to its mismatch', async () => {
    expect(await findings(estate({ 'production-us': '20', 'production-eu': '10', 'production-ap': '020' }, own))).toEqual([]);
    const found = await findings(estate({ 'production-us': '20', 'production-eu': '12', 'production-ap': '20' }, own));
    expect(found.map((f) => f.kind)).toEqual(['mismatch']);
  });

  it('has nothing to compare where one member is left', async () => {
    expect(await findings(estate({ 'production-us': '20', 'production-eu': '10' }, own))).toEqual([]);
  });
});
