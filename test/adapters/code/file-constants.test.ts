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
