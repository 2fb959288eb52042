import { DEFAULT_EXCLUDES, excluder, TESTS } from '../../../lambdas/adapters/code/code-globs';

describe('excluder: gitignore-like globs on paths relative to the scanned root', () => {
  test.each<[string, string, boolean]>([
    ['node_modules', 'node_modules', true],
    ['node_modules', 'web/node_modules', true],
    ['node_modules', 'web/node_modules_notes.js', false],
    ['*.test.ts', 'src/a/b.test.ts', true],
    ['*.test.ts', 'src/a/b.ts', false],
    ['legacy/', 'services/legacy', true],
    ['src/legacy/**', 'src/legacy/old/a.py', true],
    ['src/legacy/**', 'other/src/legacy/a.py', false],
    ['./src/gen', 'src/gen', true],
    ['**/fixtures/**', 'a/b/fixtures/c.go', true],
    ['**/fixtures/**', 'fixtures/c.go', true],
    ['file?.js', 'x/file1.js', true],
    ['file?.js', 'x/file12.js', false],
    ['a.b', 'axb', false],
  ])('%s leaves out %s: %s', (glob, path, out) => {
    expect(excluder([glob])(path)).toBe(out);
  });

  test('an exclude of many stars answers on a long file name that almost matches (a regular expression backtracked for ever)', () => {
    const out = excluder([`${'*a'.repeat(12)}*b`, `src/${'**a'.repeat(12)}**b`]);
    expect(out(`src/${'a'.repeat(200)}.js`)).toBe(false);
    expect(out(`src/${'a'.repeat(200)}b`)).toBe(true);
  });

  test("tests and their runners' settings are left out by the conventions of each language's tools; the service's own files are not", () => {
    const out = excluder(TESTS);
    const tests = [
      'web/server.test.js',
      'src/app/app.spec.ts',
      // Folders (the scan leaves out what is below them).
      '__tests__',
      'e2e',
      'app/tests',
      'spec',
      'test',
      'src/test',
      'cmd/api/main_test.go',
      'app/test_views.py',
      'app/views_test.py',
      'conftest.py',
      'models/user_spec.rb',
      'lib/my_app_test.exs',
      'playwright.config.ts',
      'jest.config.js',
      'vitest.config.mts',
      'cypress.config.js',
    ];
    expect(tests.filter(out)).toEqual(tests);
    const service = ['src/main.ts', 'testing.go', 'latest.py', 'contest/app.js', 'src/main/resources/application.yml', 'config/test.exs'];
    expect(service.filter(out)).toEqual([]);
  });

  test('the defaults leave out dependency, build, version-control and CI folders only', () => {
    const out = excluder(DEFAULT_EXCLUDES);
    const left = [
      'vendor',
      'src/.git',
      'target',
      'bin/Debug',
      'Api/bin/Release',
      'obj',
      'dist',
      'build',
      'venv/lib/python3.12/site-packages',
      // Mix's fetched dependencies and build output (an Elixir project after mix deps.get / mix compile).
      'deps',
      'apps/web/_build',
      // Build tools' own folders: the Maven wrapper's downloader, Yarn's release, cache and unplugged packages.
      '.mvn',
      'services/cart/.mvn',
      '.yarn',
      'web/.yarn',
      // Continuous integration's own folders: its workflows, scripts and the images it runs tests in.
      '.github',
      '.gitlab',
      '.circleci',
      '.buildkite',
    ];
    expect(left.filter(out)).toEqual(left);
    // Cargo's binaries live in src/bin, CLIs' entries in bin/: source, not build output.
    expect(['src', 'cmd/server', 'binary.go', 'builder.ts', 'src/bin', 'bin', 'bin/cli.js'].filter(out)).toEqual([]);
  });

  test("Sphinx's conf.py in a docs folder is the documentation's build, not the service's (cookiecutter-django's docs/conf.py reads READTHEDOCS)", async () => {
    const out = excluder(DEFAULT_EXCLUDES);
    const docs = ['docs/conf.py', 'doc/conf.py', 'docs/source/conf.py', 'services/api/docs/conf.py'];
    expect(docs.filter(out)).toEqual(docs);
    expect(['conf.py', 'app/conf.py', 'docs/settings.py', 'config/conf.py'].filter(out)).toEqual([]);
    const { TreeSitterCodeReader } = await import('../../../lambdas/adapters/code/tree-sitter-code-reader');
    const { reads } = await new TreeSitterCodeReader().scan({ path: `${__dirname}/../../fixtures/realworld/akarpov`, exclude: [] });
    expect(reads.filter((r) => r.file.startsWith('docs/'))).toEqual([]);
  });
  test("Capistrano's recipes are the deploy's, run on the deployer's machine, not the service's (huginn's config/deploy.rb, config/deploy/production.rb)", async () => {
    const out = excluder(DEFAULT_EXCLUDES);
    // A folder left out leaves out everything below it (the walk does not enter it).
    const recipes = ['config/deploy.rb', 'config/deploy', 'web/config/deploy', 'lib/capistrano'];
    expect(recipes.filter(out)).toEqual(recipes);
    expect(['config/deploy_helper.rb', 'app/deploy.rb', 'lib/deploy/hooks.rb', 'config/environments/production.rb'].filter(out)).toEqual(
      [],
    );
    const { TreeSitterCodeReader } = await import('../../../lambdas/adapters/code/tree-sitter-code-reader');
    const { reads } = await new TreeSitterCodeReader().scan({ path: `${__dirname}/../../fixtures/realworld/huginn`, exclude: [] });
    // CAPISTRANO_DEPLOY_SERVER, read without a default, was a high 'unset' in every environment.
    expect(reads.filter((r) => r.file.startsWith('config/deploy'))).toEqual([]);
    expect(reads.some((r) => r.file === 'config/database.yml')).toBe(true);
  });
});
