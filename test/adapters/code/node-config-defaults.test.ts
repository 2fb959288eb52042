import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const readsOf = async (files: Record<string, string>) =>
  (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads.map((r) => [r.name, r.file, r.fallback]);

const SERVER =
  "const config = require('config');\nconst host = config.get('db.host');\nconst pool = config.get('db.poolSize');\nconst key = config.get('payments.apiKey');\n";

describe("node-config's config/default as the defaults of config.get", () => {
  test('a path config/default.json sets falls back to its value; one it does not set has no default', async () => {
    expect(
      await readsOf({
        'src/server.js': SERVER,
        'config/default.json': '{\n  // shared by every environment\n  "db": { "host": "localhost", "poolSize": 10 }\n}\n',
      }),
    ).toEqual([
      ['db.host', 'src/server.js', { kind: 'default', value: 'localhost' }],
      ['db.poolSize', 'src/server.js', { kind: 'default', value: '10' }],
      ['payments.apiKey', 'src/server.js', { kind: 'none' }],
    ]);
  });

  test('config/default.yml too, for the TypeScript files of its project', async () => {
    const ts = "import config from 'config';\nexport const host: string = config.get('db.host');\n";
    expect(await readsOf({ 'api/src/main.ts': ts, 'api/config/default.yml': 'db:\n  host: db.internal\n' })).toEqual([
      ['db.host', 'api/src/main.ts', { kind: 'default', value: 'db.internal' }],
    ]);
  });

  test("another project's config/default.json is not this one's", async () => {
    expect(await readsOf({ 'api/src/server.js': SERVER, 'worker/config/default.json': '{ "db": { "host": "localhost" } }' })).toEqual([
      ['db.host', 'api/src/server.js', { kind: 'none' }],
      ['db.poolSize', 'api/src/server.js', { kind: 'none' }],
      ['payments.apiKey', 'api/src/server.js', { kind: 'none' }],
    ]);
  });

  test('a default that is a secret (by its name or what it holds) is kept as "a default", never its value', async () => {
    const reads = await readsOf({
      'src/server.js': SERVER,
      'config/default.json': '{ "payments": { "apiKey": "sk_live_4eC39HqLyjWDarjtT1zdp7dc" } }',
    });
    expect(JSON.stringify(reads)).not.toContain('sk_live_');
    expect(reads.find(([name]) => name === 'payments.apiKey')?.[2]).toEqual({ kind: 'default', secret: true });
  });
});

describe("node-config's config/custom-environment-variables: the variables it reads, and what config.get then reads", () => {
  const MAPPING =
    '{\n  "db": {\n    "host": "DATABASE_HOST",\n    "poolSize": { "__name": "DB_POOL", "__format": "number" }\n  },\n  "unused": "NOBODY_ASKS"\n}\n';

  test('each variable it maps is read there, falling back to config/default; a config.get of a mapped path is no read of its own', async () => {
    expect(
      await readsOf({
        'src/server.js': SERVER,
        'config/default.json': '{ "db": { "host": "localhost" } }',
        'config/custom-environment-variables.json': MAPPING,
      }),
    ).toEqual([
      ['DATABASE_HOST', 'config/custom-environment-variables.json', { kind: 'default', value: 'localhost' }],
      ['DB_POOL', 'config/custom-environment-variables.json', { kind: 'none' }],
      ['NOBODY_ASKS', 'config/custom-environment-variables.json', { kind: 'none' }],
      ['payments.apiKey', 'src/server.js', { kind: 'none' }],
    ]);
  });

  test('written in YAML, each at its line', async () => {
    const scan = await new TreeSitterCodeReader().scan({
      path: scratch({
        'src/server.js': SERVER,
        'config/custom-environment-variables.yml': 'db:\n  host: DATABASE_HOST\n  poolSize:\n    __name: DB_POOL\n',
      }),
      exclude: [],
    });
    expect(scan.reads.filter((r) => r.file.startsWith('config/')).map((r) => [r.name, r.line, r.via])).toEqual([
      ['DATABASE_HOST', 2, 'custom-environment-variables (node-config)'],
      ['DB_POOL', 4, 'custom-environment-variables (node-config)'],
    ]);
  });

  test('each at the line that maps it, not where its name is first written (a comment, a key)', async () => {
    const scan = await new TreeSitterCodeReader().scan({
      path: scratch({
        'src/server.js': SERVER,
        'config/custom-environment-variables.yml': '# DATABASE_HOST comes from the platform\ndb:\n  host: DATABASE_HOST\n',
        'worker/config/custom-environment-variables.json':
          '{\n  // QUEUE_URL: set by the stack\n  "QUEUE_URL": {\n    "url": "QUEUE_URL"\n  }\n}\n',
      }),
      exclude: [],
    });
    expect(scan.reads.filter((r) => r.file.includes('config/')).map((r) => [r.name, r.file, r.line, r.column])).toEqual([
      ['DATABASE_HOST', 'config/custom-environment-variables.yml', 3, 9],
      ['QUEUE_URL', 'worker/config/custom-environment-variables.json', 4, 13],
    ]);
  });
});

describe("node-config's config/{NODE_ENV} files over config/default", () => {
  const hostsOf = async (files: Record<string, string>) =>
    (await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] })).reads.map((r) => [
      r.name,
      r.fallback,
      r.hostEnvironments,
    ]);
  const FILES = {
    'src/server.js': "const config = require('config');\nconst port = config.get('port');\n",
    'config/default.json': '{ "port": 3000, "db": { "name": "app" } }',
    'config/production.json': '{ "db": { "host": "prod-db.internal" } }',
    'config/development.yml': 'db:\n  host: localhost\n',
    'config/custom-environment-variables.json': '{ "db": { "host": "DB_HOST", "name": "DB_NAME" } }',
    // A developer's own overrides, kept out of git where they are not: never a deployed environment's.
    'config/local.json': '{ "db": { "name": "mine" }, "port": 1 }',
  };

  test('a mapped variable falls back to the file of the environment NODE_ENV names (development where it names none)', async () => {
    const variables = ['node.config.env', 'node.env'];
    expect(await hostsOf(FILES)).toEqual([
      [
        'DB_HOST',
        { kind: 'default', value: 'localhost' },
        {
          byName: { development: { kind: 'default', value: 'localhost' }, production: { kind: 'default', value: 'prod-db.internal' } },
          other: { kind: 'none' },
          variables,
        },
      ],
      ['DB_NAME', { kind: 'default', value: 'app' }, undefined],
      ['port', { kind: 'default', value: '3000' }, undefined],
    ]);
  });

  test('config.get of a path an environment file sets falls back alike', async () => {
    const reads = await hostsOf({ ...FILES, 'config/staging.json': '{ "port": 8080 }' });
    expect(reads.find(([name]) => name === 'port')).toEqual([
      'port',
      { kind: 'default', value: '3000' },
      {
        byName: {
          development: { kind: 'default', value: '3000' },
          production: { kind: 'default', value: '3000' },
          staging: { kind: 'default', value: '8080' },
        },
        other: { kind: 'default', value: '3000' },
        variables: ['node.config.env', 'node.env'],
      },
    ]);
  });
});
