import { drift, scratch } from '../helpers/cli';

const FILES = {
  'drift.yaml': `version: 1
name: shop
environments:
  us:
    sources: [ { dotenv: { from: us.env } } ]
  eu:
    sources: [ { dotenv: { from: eu.env } } ]
  dev:
    sources: [ { dotenv: { from: dev.env } } ]
parity:
  - { name: regions, environments: [us, eu] }
baseline:
  keys:
    pool.size: { type: int }
    node.env: { per-environment: true }
`,
  'us.env': 'POOL_SIZE=10\nNODE_ENV=production\n',
  'eu.env': 'POOL_SIZE=20\nNODE_ENV=production\n',
  'dev.env': 'POOL_SIZE=5\nNODE_ENV=development\n',
};

const NOTE =
  '  parity regions no longer compares it (a key with an expected value is judged by mismatch): us expects no value; adopt it there too, or use --everywhere';

describe('drift adopt says when adopting in one environment ends a parity comparison', () => {
  it('names the group and the environments left with no expected value', async () => {
    const out = await drift(['adopt', 'eu', 'pool.size', '--no-store'], { cwd: scratch(FILES) });
    expect(out.code).toBe(0);
    expect(out.stderr.split('\n')).toContain(NOTE);
  });

  it('says so with --dry-run too, on stderr, beside the diff it would write', async () => {
    const out = await drift(['adopt', 'eu', 'pool.size', '--dry-run', '--no-store'], { cwd: scratch(FILES) });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('+    pool.size: { type: int, values: { eu: 20 } }');
    expect(out.stdout).not.toContain('parity');
    expect(out.stderr.split('\n')).toContain(NOTE);
  });

  it('says nothing where no group compares the key, or with --everywhere', async () => {
    const perEnvironment = await drift(['adopt', 'eu', 'node.env', '--no-store'], { cwd: scratch(FILES) });
    expect(perEnvironment.stderr).not.toContain('parity');
    const outsideGroups = await drift(['adopt', 'dev', 'pool.size', '--no-store'], { cwd: scratch(FILES) });
    expect(outsideGroups.stderr).not.toContain('parity');
    const everywhere = await drift(['adopt', 'eu', 'pool.size', '--everywhere', '--no-store'], { cwd: scratch(FILES) });
    expect(everywhere.code).toBe(0);
    expect(everywhere.stderr).not.toContain('parity');
  });
});
