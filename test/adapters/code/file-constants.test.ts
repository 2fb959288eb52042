import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const scanOf = async (files: Record<string, string>) => {
  const scan = await new TreeSitterCodeReader().scan({ path: scratch(files), exclude: [] });
  return {
    reads: scan.reads.map((r) => [r.name, `${r.file}:${r.line}`, r.via]),
    open: (scan.openReads ?? []).map((o) => `${o.file}:${o.line}`),
  };
};

describe('a key named by a constant of its file', () => {
  test.each([
    ['Python', 'app.py', 'import os\nPORT_VAR = "APP_PORT"\nport = os.getenv(PORT_VAR, "8080")\n', ['APP_PORT', 'app.py:3', 'os.getenv']],
    [
      'JavaScript',
      'app.js',
      "const PORT_VAR = 'APP_PORT';\nconst port = process.env[PORT_VAR] || 3000;\n",
      ['APP_PORT', 'app.js:2', 'process.env'],
    ],
    [
      'Java',
      'App.java',
      'class App {\n  private static final String KEY = "APP_PORT";\n  String v = System.getenv(KEY);\n}\n',
      ['APP_PORT', 'App.java:3', 'System.getenv'],
    ],
    [
      'C#',
      'App.cs',
      'class App {\n  const string Key = "APP_PORT";\n  string V() => Environment.GetEnvironmentVariable(Key);\n}\n',
      ['APP_PORT', 'App.cs:3', 'Environment.GetEnvironmentVariable'],
    ],
    ['Ruby', 'app.rb', 'KEY = "APP_PORT"\nport = ENV[KEY]\n', ['APP_PORT', 'app.rb:2', 'ENV[]']],
    [
      'Rust',
      'main.rs',
      'const KEY: &str = "APP_PORT";\nfn main() { let v = std::env::var(KEY).unwrap_or_default(); }\n',
      ['APP_PORT', 'main.rs:2', 'std::env::var'],
    ],
    [
      'a wrapper given one',
      'app.py',
      'import os\nKEY = "APP_PORT"\ndef env(name):\n    return os.environ[name]\nport = env(KEY)\n',
      ['APP_PORT', 'app.py:5', 'env (wrapper of os.environ)'],
    ],
  ])('%s', async (_, file, code, read) => {
    expect(await scanOf({ [file]: code })).toEqual({ reads: [read], open: [] });
  });

  test('a name given two texts, or given a value as the code runs, names no key: the read is one of a name the scan cannot list', async () => {
    const code = 'import os\nNAME = "A"\nNAME = "B"\nOTHER = "C"\nOTHER = compute()\nx = os.getenv(NAME)\ny = os.getenv(OTHER)\n';
    expect(await scanOf({ 'app.py': code })).toEqual({ reads: [], open: ['app.py:6', 'app.py:7'] });
  });

  test("a wrapper's parameter named as a constant is the wrapper's key, not the constant", async () => {
    const code = 'import os\nNAME = "NOT_READ"\ndef env(NAME):\n    return os.environ[NAME]\nport = env("APP_PORT")\n';
    expect((await scanOf({ 'app.py': code })).reads).toEqual([['APP_PORT', 'app.py:5', 'env (wrapper of os.environ)']]);
  });
});

describe('a key named by a constant of another file', () => {
  test.each<[string, Record<string, string>, string[]]>([
    [
      'Python: imported, or named through its module',
      {
        'app/names.py': 'PORT_VAR = "APP_PORT"\nDB_VAR = "DATABASE_URL"\n',
        'app/main.py':
          'import os\nfrom app.names import PORT_VAR\nfrom app import names\nport = os.getenv(PORT_VAR, "8080")\ndb = os.environ[names.DB_VAR]\n',
      },
      ['APP_PORT app/main.py:4', 'DATABASE_URL app/main.py:5'],
    ],
    [
      "JavaScript: an import's name, or a namespace's member",
      {
        'src/names.js': "export const PORT_VAR = 'APP_PORT';\nexport const DB_VAR = 'DATABASE_URL';\n",
        'src/app.js':
          "import { PORT_VAR } from './names';\nimport * as names from './names';\nconst port = process.env[PORT_VAR] || 3000;\nconst db = process.env[names.DB_VAR];\n",
      },
      ['APP_PORT src/app.js:3', 'DATABASE_URL src/app.js:4'],
    ],
    [
      "Java: another class's static final field",
      {
        'src/Names.java': 'class Names {\n  static final String DB_URL = "DATABASE_URL";\n}\n',
        'src/App.java': 'class App {\n  String v = System.getenv(Names.DB_URL);\n}\n',
      },
      ['DATABASE_URL src/App.java:2'],
    ],
    [
      "Ruby: a module's constant",
      { 'lib/names.rb': 'module Names\n  PORT_VAR = "APP_PORT"\nend\n', 'app.rb': 'port = ENV.fetch(Names::PORT_VAR, "3000")\n' },
      ['APP_PORT app.rb:1'],
    ],
  ])('%s', async (_, files, reads) => {
    const scan = await scanOf(files);
    expect(scan.reads.map(([name, at]) => `${name} ${at}`)).toEqual(reads);
    expect(scan.open).toEqual([]);
  });

  test('the nearest files that bind the name decide: two services with their own constant read their own key', async () => {
    const scan = await scanOf({
      'billing/names.py': 'DB_VAR = "BILLING_DATABASE_URL"\n',
      'billing/app.py': 'import os\nfrom names import DB_VAR\ndb = os.environ[DB_VAR]\n',
      'orders/names.py': 'DB_VAR = "ORDERS_DATABASE_URL"\n',
      'orders/app.py': 'import os\nfrom names import DB_VAR\ndb = os.environ[DB_VAR]\n',
    });
    expect(scan.reads.map(([name, at]) => `${name} ${at}`).sort()).toEqual([
      'BILLING_DATABASE_URL billing/app.py:3',
      'ORDERS_DATABASE_URL orders/app.py:3',
    ]);
  });

  test("a module's name finds its file: a relative import the very file, an absolute one a file whose path ends so; Ruby's include and C#'s using static take every name", async () => {
    const scan = await scanOf({
      'app/config/names.py': 'DB_VAR = "DATABASE_URL"\n',
      'app/other/names.py': 'DB_VAR = "OTHER_DATABASE_URL"\n',
      'app/config/main.py': 'import os\nfrom .names import DB_VAR\ndb = os.environ[DB_VAR]\n',
      'app/main.py': 'import os\nfrom app.config.names import DB_VAR\ndb = os.environ[DB_VAR]\n',
      'web/names.js': "exports.PORT_VAR = 'APP_PORT';\nconst PORT_VAR = 'APP_PORT';\n",
      'web/app.js': "const { PORT_VAR: PORT_NAME } = require('./names');\nconst port = process.env[PORT_NAME];\n",
      'lib/shop/names.rb': 'module Shop\n  module Names\n    QUEUE_VAR = "QUEUE_URL"\n  end\nend\n',
      'lib/worker.rb': 'class Worker\n  include Shop::Names\n  def url = ENV.fetch(QUEUE_VAR)\nend\n',
      'src/Names.cs': 'static class Names {\n  public const string CACHE_VAR = "CACHE_URL";\n}\n',
      'src/Worker.cs': 'using static Shop.Names;\nclass Worker {\n  string U() => Environment.GetEnvironmentVariable(CACHE_VAR);\n}\n',
    });
    expect(scan.reads.map(([name, at]) => `${name} ${at}`).sort()).toEqual([
      'APP_PORT web/app.js:2',
      'CACHE_URL src/Worker.cs:3',
      'DATABASE_URL app/config/main.py:3',
      'DATABASE_URL app/main.py:3',
      'QUEUE_URL lib/worker.rb:3',
    ]);
  });

  test("a member of another module is that module's, though the file binds the same name itself", async () => {
    const scan = await scanOf({
      'keys.py': 'TIMEOUT = "HTTP_TIMEOUT"\n',
      'app.py': 'import os\nimport keys\nTIMEOUT = "30"\nt = os.getenv(keys.TIMEOUT, TIMEOUT)\n',
      'Config.java': 'class Config {\n  static final String DB_URL = "DATABASE_URL";\n  String v = System.getenv(Config.DB_URL);\n}\n',
    });
    expect(scan.reads.map(([name, at]) => `${name} ${at}`).sort()).toEqual(['DATABASE_URL Config.java:3', 'HTTP_TIMEOUT app.py:4']);
  });

  test('names no key where the name is not imported, a local object holds it, the module is not in the tree, or the name is not written as a constant', async () => {
    const scan = await scanOf({
      'svc/names.py': 'DB_VAR = "SVC_DATABASE_URL"\nkey_name = "LOWER_CASE_NAME"\n',
      'loop.py': 'import os\nfor DB_VAR in ["A", "B"]:\n    os.getenv(DB_VAR)\n',
      'vendored.py': 'import os\nfrom vendorpkg.settings import DB_VAR\ndb = os.environ[DB_VAR]\n',
      'lower.py': 'import os\nfrom svc.names import key_name\nx = os.getenv(key_name)\n',
      'web/names.js': "export const PORT = 'OTHER_PORT';\n",
      'web/app.js': "const ENV = { PORT: 'APP_PORT' };\nconst port = process.env[ENV.PORT];\n",
    });
    expect(scan.reads).toEqual([]);
    expect(scan.open.sort()).toEqual(['loop.py:3', 'lower.py:3', 'vendored.py:3', 'web/app.js:2']);
  });

  test('a member names the module the file imports under its first name, else nothing: a package outside the tree, a default import, a parameter', async () => {
    const scan = await scanOf({
      'settings.py': 'DB_VAR = "TREE_SETTINGS_DB"\n',
      'names.py': 'DB_VAR = "NAMES_DB"\n',
      'app/settings.py': 'DB_VAR = "APP_SETTINGS_DB"\n',
      'aliased.py': 'import os\nimport app.settings as names\ndb = os.environ[names.DB_VAR]\n',
      'vendored.py': 'import os\nfrom vendorpkg import settings\ndb = os.environ[settings.DB_VAR]\n',
      'web/config.js': "export const DB_VAR = 'WEB_DB';\n",
      'web/keys.js': "export const DB_VAR = 'KEYS_DB';\n",
      'web/default.js': "import config from './keys';\nconst db = process.env[config.DB_VAR];\n",
      'web/param.js': 'function db(config) {\n  return process.env[config.DB_VAR];\n}\n',
    });
    expect(scan.reads.map(([name, at]) => `${name} ${at}`)).toEqual(['APP_SETTINGS_DB aliased.py:3']);
    expect(scan.open.sort()).toEqual(['vendored.py:3', 'web/default.js:2', 'web/param.js:2']);
  });

  test('two imports of the name that give two texts name no key (a fallback import, two included modules)', async () => {
    const scan = await scanOf({
      'app/local_names.py': 'DB_VAR = "LOCAL_DB"\n',
      'app/names.py': 'DB_VAR = "DATABASE_URL"\n',
      'app/main.py':
        'import os\ntry:\n    from .local_names import DB_VAR\nexcept ImportError:\n    from .names import DB_VAR\ndb = os.environ[DB_VAR]\n',
    });
    expect(scan).toEqual({ reads: [], open: ['app/main.py:6'] });
  });

  test('names no key where the nearest files give it two texts, or where the file binds the name itself to a value made as it runs', async () => {
    const scan = await scanOf({
      'a/names.py': 'DB_VAR = "A_DATABASE_URL"\n',
      'b/names.py': 'DB_VAR = "B_DATABASE_URL"\n',
      'main.py': 'import os\nfrom names import DB_VAR\ndb = os.environ[DB_VAR]\n',
      'c/app.py': 'import os\nfrom names import DB_VAR\nDB_VAR = compute()\ndb = os.environ[DB_VAR]\n',
    });
    expect(scan.reads).toEqual([]);
    expect(scan.open.sort()).toEqual(['c/app.py:4', 'main.py:3']);
  });
});
