import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { drift, scratch } from '../../helpers/cli';

const DATABASE_YML = 'production:\n  adapter: postgresql\n  database: shop_production\n  pool: 5\n';

describe("Active Record's DATABASE_URL in a Rails application", () => {
  test('config/database.yml makes DATABASE_URL a read with a default (the file), where the file does not name it', async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: scratch({ 'config/database.yml': DATABASE_YML }), exclude: [] });
    expect(reads.map((r) => [r.name, r.file, r.via, r.fallback])).toEqual([
      ['DATABASE_URL', 'config/database.yml', 'Active Record (config/database.yml)', { kind: 'default' }],
    ]);
  });

  test('a file that names it has its own read only; DEV_DATABASE_URL is another variable', async () => {
    const named = 'production:\n  url: <%= ENV["DATABASE_URL"] %>\n';
    const scan = await new TreeSitterCodeReader().scan({ path: scratch({ 'config/database.yml': named }), exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.via])).toEqual([['DATABASE_URL', 'ENV[]']]);
    const other = 'production:\n  url: <%= ENV["DEV_DATABASE_URL"] %>\n';
    const reads = (await new TreeSitterCodeReader().scan({ path: scratch({ 'config/database.yml': other }), exclude: [] })).reads;
    expect(reads.map((r) => r.name)).toEqual(['DATABASE_URL', 'DEV_DATABASE_URL']);
  });

  test('an environment that sets DATABASE_URL for a Rails application is not told no code reads it', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  production:\n    sources:\n      - dotenv: { from: prod.env }\nbaseline:\n  undeclared: ignore\ncode: { path: app }\n',
      'prod.env': 'DATABASE_URL=postgres://db.internal/shop\nOLD_SETTING=1\n',
      'app/config/database.yml': DATABASE_YML,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ kind: string; key?: string }> }).findings;
    expect(findings.filter((f) => f.kind === 'unread').map((f) => f.key)).toEqual(['old.setting']);
  });
});
