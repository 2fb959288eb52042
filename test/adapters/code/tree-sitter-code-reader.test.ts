import { execFileSync } from 'node:child_process';
import { chmodSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_BYTES, TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import type { Tree } from 'web-tree-sitter';
import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { LANGUAGES } from '../../../lambdas/adapters/code/languages/registry';
import { CodeTreeError } from '../../../lambdas/core/code/code-tree-error';
import { scratch } from '../../helpers/cli';

const reader = new TreeSitterCodeReader();
const scan = (dir: string, exclude: string[] = []) => reader.scan({ path: dir, exclude });
const namesIn = async (dir: string, exclude: string[] = []) => (await scan(dir, exclude)).reads.map((r) => `${r.file}:${r.name}`);

describe('TreeSitterCodeReader', () => {
  test('reads every language by its longest extension, files relative to the root, sorted by key', async () => {
    const dir = scratch({
      'web/app.tsx': 'const a = process.env.B_URL;',
      'web/lib.mjs': "const p = process.env.A_PORT || '80';",
      'api/main.py': "import os\nx = os.environ['C_HOST']",
    });
    const result = await scan(dir);
    expect(result.reads.map((r) => [r.key, r.file, r.line, r.column, r.language])).toEqual([
      ['a.port', 'web/lib.mjs', 1, 23, 'javascript'],
      ['b.url', 'web/app.tsx', 1, 23, 'typescript'],
      ['c.host', 'api/main.py', 2, 16, 'python'],
    ]);
    expect(result.files).toEqual({ javascript: 1, typescript: 1, python: 1 });
    expect(result.root).toBe(dir);
  });

  test('leaves out dependency and build folders, generated files, and the excluded globs', async () => {
    const dir = scratch({
      'src/a.js': 'process.env.KEPT;',
      'node_modules/x/index.js': 'process.env.DEPENDENCY;',
      'src/vendor/v.py': "import os\nos.getenv('VENDORED')",
      'dist/a.js': 'process.env.BUILT;',
      'src/gen/demo_pb2.py': "import os\nos.getenv('GENERATED')",
      'src/app.min.js': 'process.env.MINIFIED;',
      'src/types.d.ts': 'process.env.DECLARED;',
      'src/a.test.js': 'process.env.TESTED;',
      'legacy/old.js': 'process.env.LEGACY;',
    });
    expect(await namesIn(dir, ['*.test.js', 'legacy/**'])).toEqual(['src/a.js:KEPT']);
  });

  test("a Rust crate's src/bin (Cargo's binaries) is read; .NET's bin/Debug and a virtualenv's site-packages are not", async () => {
    const dir = scratch({
      'src/bin/worker.rs': 'fn main() {\n    let url = std::env::var("WORKER_QUEUE_URL").unwrap();\n}\n',
      'cli/bin/cli.js': 'process.env.CLI_TOKEN_FILE;',
      'App/bin/Debug/net8.0/Gen.cs': 'class G { string a = Environment.GetEnvironmentVariable("BUILT"); }',
      'App/bin/Release/net8.0/publish/wwwroot/site.js': 'process.env.PUBLISHED;',
      '.venv/lib/python3.12/site-packages/lib/x.py': "import os\nos.getenv('LIBRARY_ONLY')",
    });
    expect(await namesIn(dir)).toEqual(['cli/bin/cli.js:CLI_TOKEN_FILE', 'src/bin/worker.rs:WORKER_QUEUE_URL']);
  });

  test('a wrapper defined in one file applies to calls in another of the same language', async () => {
    const dir = scratch({
      'config/env.py':
        'import os\ndef must_env(key):\n    v = os.environ.get(key)\n    if not v:\n        raise KeyError(key)\n    return v',
      'app/main.py': "from config.env import must_env\naddr = must_env('CART_ADDR')",
      'web/main.js': "mustEnv('NOT_A_PYTHON_WRAPPER');",
    });
    const [read, ...others] = (await scan(dir)).reads;
    expect(others).toEqual([]);
    expect(read).toMatchObject({
      name: 'CART_ADDR',
      file: 'app/main.py',
      line: 2,
      via: 'must_env (wrapper of os.environ.get)',
      fallback: { kind: 'none' },
    });
  });

  test("a PHP function around Laravel's env() is followed across files when the tree wraps nothing else", async () => {
    const dir = scratch({
      'app/helpers.php': '<?php\nfunction envInt($key, $default) { return (int) env($key, $default); }',
      'config/queue.php': "<?php\nreturn ['tries' => envInt('QUEUE_RETRIES', 3)];",
    });
    const reads = (await scan(dir)).reads.map((r) => [r.file, r.name, r.via, r.fallback]);
    expect(reads).toEqual([['config/queue.php', 'QUEUE_RETRIES', 'envInt (wrapper of env() (Laravel))', { kind: 'default', value: '3' }]]);
  });

  test("a Go wrapper applies to its own package's folder: two services' mustMapEnv are each their own", async () => {
    const wrapper = (body: string) =>
      `package main\n\nfunc mustMapEnv(target *string, key string) {\n\tv := os.Getenv(key)\n${body}\t*target = v\n}\n`;
    const call = (key: string) => `package main\n\nfunc main() {\n\tmustMapEnv(&a, "${key}")\n}\n`;
    const dir = scratch({
      'checkout/env.go': wrapper('\tif v == "" {\n\t\tpanic(key)\n\t}\n'),
      'checkout/main.go': call('CART_ADDR'),
      'catalog/env.go': wrapper('\tif v == "" {\n\t\tv = "3550"\n\t}\n'),
      'catalog/main.go': call('CATALOG_PORT'),
      'catalog/sub/main.go': call('OTHER_PACKAGE'),
    });
    const reads = (await scan(dir)).reads.map((r) => [r.file, r.name, r.fallback]);
    expect(reads).toEqual([
      ['checkout/main.go', 'CART_ADDR', { kind: 'none' }],
      ['catalog/main.go', 'CATALOG_PORT', { kind: 'default', value: '"3550"' }],
    ]);
  });

  test('a Go wrapper is matched in another package when called through its package name, unless two folders share that name', async () => {
    const getString =
      'func GetString(key, def string) string {\n\tif v, ok := os.LookupEnv(key); ok {\n\t\treturn v\n\t}\n\treturn def\n}\n';
    const env = 'func Env(key string) string {\n\treturn os.Getenv(key)\n}\n';
    const dir = scratch({
      'internal/config/env.go': `package config\n\n${getString}`,
      'a/util/env.go': `package util\n\n${env}`,
      'b/util/env.go': `package util\n\n${env}`,
      'cmd/server/main.go':
        'package main\n\nfunc main() {\n\tconfig.GetString("LISTEN_ADDR", ":8080")\n\tutil.Env("AMBIGUOUS")\n\tcache.GetString("NOT_A_KEY", "")\n}\n',
    });
    const reads = (await scan(dir)).reads.map((r) => [r.file, r.name, r.via, r.fallback]);
    expect(reads).toEqual([
      ['cmd/server/main.go', 'LISTEN_ADDR', 'GetString (wrapper of os.LookupEnv)', { kind: 'default', value: '":8080"' }],
    ]);
  });

  test('a file too big, not text, or unreadable is skipped with its reason, and the scan goes on', async () => {
    const dir = scratch({
      'ok.js': 'process.env.STILL_READ;',
      'big.js': `process.env.BIG;\n${'// padding\n'.repeat(MAX_FILE_BYTES / 10)}`,
    });
    writeFileSync(path.join(dir, 'blob.js'), Buffer.from([0x70, 0, 0x71]));
    writeFileSync(path.join(dir, 'locked.py'), "import os\nos.getenv('LOCKED')");
    chmodSync(path.join(dir, 'locked.py'), 0);
    const result = await scan(dir);
    expect(result.reads.map((r) => r.name)).toEqual(process.getuid?.() === 0 ? ['LOCKED', 'STILL_READ'] : ['STILL_READ']);
    expect(result.skipped.filter((s) => s.file !== 'locked.py')).toEqual([
      { file: 'big.js', reason: 'larger than 1 MB' },
      { file: 'blob.js', reason: 'not text' },
    ]);
    if (process.getuid?.() !== 0) expect(result.skipped).toContainEqual({ file: 'locked.py', reason: 'cannot be read (EACCES)' });
  });

  test('a file of gigabytes is skipped for its size, never loaded: a code file, and a .yml its language would ask', async () => {
    const dir = scratch({
      'ok.js': 'process.env.STILL_READ;',
      'huge.js': '',
      'config/application.yml': '',
      Dockerfile: 'FROM x\nCOPY run.sh /\nENTRYPOINT ["/run.sh"]\n',
      'run.sh': '',
    });
    // Sparse: 3 GiB on paper, nothing on disk. Loaded whole, each would be refused by node (over 2 GiB) or fill the memory.
    for (const file of ['huge.js', 'config/application.yml', 'run.sh']) truncateSync(path.join(dir, file), 3 * 2 ** 30);
    const result = await scan(dir);
    expect(result.reads.map((r) => r.name)).toEqual(['STILL_READ']);
    expect(result.skipped).toEqual([
      { file: 'config/application.yml', reason: 'larger than 1 MB' },
      { file: 'huge.js', reason: 'larger than 1 MB' },
      { file: 'run.sh', reason: 'larger than 1 MB' },
    ]);
  });

  test('a .yml or .properties file that holds no code (no ERB tag, not a Spring configuration) is neither read nor skipped, however big', async () => {
    const padding = 'key: value\n'.repeat(MAX_FILE_BYTES / 10);
    const dir = scratch({
      'ok.js': 'process.env.STILL_READ;',
      'openapi.yml': padding,
      'fixtures/data.properties': padding.replace(/: /g, ' = '),
      'config/application.yml': `db: \${DATABASE_URL}\n${padding}`,
    });
    const result = await scan(dir);
    expect(result.skipped).toEqual([{ file: 'config/application.yml', reason: 'larger than 1 MB' }]);
    expect(result.reads.map((r) => r.name)).toEqual(['STILL_READ']);
  });

  test('a file of brackets nested thousands deep is skipped at once (its tree would take minutes to walk); the read next to it is kept', async () => {
    const dir = scratch({
      'deep.js': `const x = ${'('.repeat(20_000)}process.env.DEEP${')'.repeat(20_000)};`,
      'nested.py': `import os\nx = ${'('.repeat(400)}os.getenv('FOUR_HUNDRED_DEEP')${')'.repeat(400)}\n`,
    });
    const result = await scan(dir);
    expect(result.skipped).toEqual([{ file: 'deep.js', reason: 'brackets nested more than 500 deep' }]);
    expect(result.reads.map((r) => r.name)).toEqual(['FOUR_HUNDRED_DEEP']);
  });

  test('a file whose syntax tree is thousands deep without a bracket (5,000 `and`s) is skipped with its reason; the files next to it are read', async () => {
    const chain = (n: number, key: string) => [`os.environ.get('${key}')`, ...Array.from({ length: n }, (_, i) => `x${i}`)].join(' and ');
    const dir = scratch({
      // Each `and` is one level down: the stack overflowed (RangeError), which ended the whole scan.
      'deep.py': `import os\nif ${chain(5_000, 'DEEP')}:\n    go()\n`,
      'long.py': `import os\nif ${chain(300, 'LONG')}:\n    port = os.environ['PORT']\n`,
    });
    const result = await scan(dir);
    expect(result.skipped).toEqual([{ file: 'deep.py', reason: 'a syntax tree more than 1000 deep' }]);
    expect(result.reads.map((r) => r.name)).toEqual(['LONG', 'PORT']);
  });

  test('a syntax error repaired deep in a tree skips that file, not the scan; one repaired near the top is read', async () => {
    // `a.` lacks its name: the parser inserts an empty one, 220 levels down, where finding its parent overflows tree-sitter's stack.
    const dir = scratch({
      'repaired.js': `process.env.IN_REPAIRED;\nconst x = ${'('.repeat(220)}a.${')'.repeat(220)};\n`,
      'repaired.ts': `process.env.IN_TYPESCRIPT;\nconst x: number = ${'('.repeat(220)}a.${')'.repeat(220)};\n`,
      // PHP's stack gives out sooner: its trees have more hidden levels per visible one.
      'repaired.php': `<?php\ngetenv('IN_PHP');\n$x = ${'('.repeat(160)}$a->${')'.repeat(160)};\n`,
      'shallow.js': `const y = ${'('.repeat(60)}a.${')'.repeat(60)};\nprocess.env.SHALLOW_ERROR;\n`,
      'ok.js': 'process.env.STILL_READ;',
    });
    const result = await scan(dir);
    expect(result.skipped).toEqual([
      { file: 'repaired.js', reason: 'a syntax error nested more than 100 deep' },
      { file: 'repaired.php', reason: 'a syntax error nested more than 100 deep' },
      { file: 'repaired.ts', reason: 'a syntax error nested more than 100 deep' },
    ]);
    expect(result.reads.map((r) => r.name).sort()).toEqual(['SHALLOW_ERROR', 'STILL_READ']);
  });

  // Root lists any folder whatever its mode: only another user can see the refusal.
  (process.getuid?.() === 0 ? test.skip : test)('a folder that cannot be listed is skipped, the rest read', async () => {
    const dir = scratch({ 'a.js': 'process.env.READ;', 'closed/b.js': 'process.env.HIDDEN;' });
    chmodSync(path.join(dir, 'closed'), 0);
    try {
      const result = await scan(dir);
      expect(result.reads.map((r) => r.name)).toEqual(['READ']);
      expect(result.skipped).toEqual([{ file: 'closed', reason: 'a folder that cannot be listed (EACCES)' }]);
    } finally {
      chmodSync(path.join(dir, 'closed'), 0o755);
    }
  });

  test('symbolic links are not followed; one out of the tree is listed as skipped', async () => {
    const outside = scratch({ 'secret.js': 'process.env.OUTSIDE;' });
    const dir = scratch({ 'src/a.js': 'process.env.INSIDE;' });
    symlinkSync(path.join(outside, 'secret.js'), path.join(dir, 'src/linked.js'));
    symlinkSync(outside, path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'again'));
    const result = await scan(dir);
    expect(result.reads.map((r) => `${r.file}:${r.name}`)).toEqual(['src/a.js:INSIDE']);
    expect(result.skipped).toEqual([
      { file: 'elsewhere', reason: 'a symbolic link out of the tree' },
      { file: 'src/linked.js', reason: 'a symbolic link out of the tree' },
    ]);
  });

  test('a link that leads nowhere (a loop, a dangling link) and a named pipe are listed as skipped for what they are', async () => {
    if (process.platform !== 'linux') return;
    const dir = scratch({ 'a.js': 'process.env.INSIDE;' });
    symlinkSync('loop.js', path.join(dir, 'loop.js'));
    symlinkSync('gone.js', path.join(dir, 'dangling.js'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
    const result = await scan(dir);
    expect(result.reads.map((r) => r.name)).toEqual(['INSIDE']);
    expect(result.skipped).toEqual([
      { file: 'dangling.js', reason: 'a symbolic link that leads nowhere (ENOENT)' },
      { file: 'loop.js', reason: 'a symbolic link that leads nowhere (ELOOP)' },
      { file: 'pipe.js', reason: 'not a file (a named pipe, a socket or a device)' },
    ]);
  });

  test('a default that is a secret, by the key or the literal, is not kept', async () => {
    const dir = scratch({
      'a.js': "const t = process.env.API_TOKEN || 'abc';\nconst u = process.env.DB_URL || 'postgres://app:hunter2@db/app';",
    });
    const fallbacks = (await scan(dir)).reads.map((r) => [r.name, r.fallback]);
    expect(fallbacks).toEqual([
      ['API_TOKEN', { kind: 'default', secret: true }],
      ['DB_URL', { kind: 'default', secret: true }],
    ]);
    expect(JSON.stringify(fallbacks)).not.toMatch(/abc|hunter2/);
  });

  test('configuration paths with `:` or `__` canonicalise like the keys of every other source', async () => {
    const dir = scratch({ 'a.js': "const config = require('config');\nconfig.get('Logging:LogLevel');\nprocess.env.Logging__LogLevel;" });
    expect((await scan(dir)).reads.map((r) => [r.name, r.key])).toEqual([
      ['Logging:LogLevel', 'logging.log.level'],
      ['Logging__LogLevel', 'logging.log.level'],
    ]);
  });

  test('a reader that fails on one file costs that file, listed as skipped with a reason that quotes none of it, never the scan', async () => {
    const python = LANGUAGES.python;
    const failing = (file: string, err: Error) => (tree: Tree) => {
      if (tree.rootNode.text.includes(file)) throw err;
    };
    const deep = failing('# deep', new RangeError('Maximum call stack size exceeded'));
    const odd = failing('# odd', new TypeError("Cannot read properties of undefined (reading 'PASSWORD_hunter2')"));
    const early = failing('# early', new Error('hunter2'));
    const flaky: LanguageModule = {
      ...python,
      wrappers: (tree) => (early(tree), python.wrappers(tree)),
      reads: (tree, ...rest) => (deep(tree), odd(tree), python.reads(tree, ...rest)),
    };
    const dir = scratch({
      'a.py': "# deep\nimport os\nos.getenv('LOST_A')",
      'b.py': "# odd\nimport os\nos.getenv('LOST_B')",
      'c.py': "# early\nimport os\nos.getenv('LOST_C')",
      'd.py': "import os\nos.getenv('KEPT')",
    });
    const result = await new TreeSitterCodeReader([flaky]).scan({ path: dir, exclude: [] });
    expect(result.reads.map((r) => r.name)).toEqual(['KEPT']);
    expect(result.skipped).toEqual([
      { file: 'a.py', reason: 'too deeply nested for the readers' },
      { file: 'b.py', reason: 'the readers failed on it (TypeError)' },
      { file: 'c.py', reason: 'the readers failed on it (Error)' },
    ]);
  });

  test('a path that is not a folder is a CodeTreeError', async () => {
    await expect(scan('/nonexistent/code')).rejects.toThrow(CodeTreeError);
    const dir = scratch({ 'a.js': '' });
    await expect(scan(path.join(dir, 'a.js'))).rejects.toThrow('not a folder');
  });
});

describe('tests are not the service', () => {
  test("eShop's Playwright tests (e2e/login.setup.ts asserts USERNAME1 and PASSWORD) and playwright.config.ts (CI) read the test runner's environment", async () => {
    const { reads } = await new TreeSitterCodeReader().scan({ path: path.join(__dirname, '../../fixtures/realworld/eshop'), exclude: [] });
    expect(reads.filter((r) => r.language === 'typescript')).toEqual([]);
    expect(reads.map((r) => r.name)).toContain('Identity:Url');
  });
});
