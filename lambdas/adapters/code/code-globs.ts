import { pathGlobTest } from '../../core/path-glob';

/**
 * Folders that hold dependencies, build tools, build output, version control or CI, the documentation's build
 * settings and the deploy's recipes, never the application's own reads.
 * Not every `bin`: Cargo's binaries are `src/bin/*.rs` and CLIs keep their entries in `bin/`; .NET builds
 * into `bin/<configuration>`. A virtualenv's libraries are under `site-packages`, whatever the venv's name.
 */
export const DEFAULT_EXCLUDES: readonly string[] = [
  'node_modules',
  'vendor',
  '.git',
  'dist',
  'build',
  'target',
  '**/bin/Debug',
  '**/bin/Release',
  'obj',
  'site-packages',
  // Mix (Elixir): fetched dependencies and build output.
  'deps',
  '_build',
  // Build tools' own folders: the Maven wrapper's downloader (its MVNW_* reads are the build's), Yarn's
  // release, cache and unplugged packages.
  '.mvn',
  '.yarn',
  // Continuous integration's folders: its workflows, scripts and the images it runs tests in (bank-of-anthos's
  // .github/workflows/ui-tests/Dockerfile starts run_for_env.sh) read the pipeline's environment, not a service's.
  '.github',
  '.gitlab',
  '.circleci',
  '.buildkite',
  // Sphinx's settings, which the documentation's build runs (cookiecutter-django's docs/conf.py reads READTHEDOCS).
  '**/docs/conf.py',
  '**/doc/conf.py',
  '**/docs/source/conf.py',
  '**/doc/source/conf.py',
  // Capistrano's recipes, which the deploy runs on the deployer's machine over SSH (huginn's config/deploy/production.rb
  // reads CAPISTRANO_DEPLOY_SERVER): config/deploy.rb, a stage's config/deploy/NAME.rb and the tasks the Capfile imports.
  '**/config/deploy.rb',
  '**/config/deploy',
  '**/lib/capistrano',
];

/**
 * Tests, by the conventions of each language's tools, and test runners' settings: they run with a test's environment
 * (eShop's Playwright tests assert USERNAME1 and PASSWORD), never in the service. Go's `_test.go` files and Maven's
 * `src/test` are not even built into it.
 */
export const TESTS: readonly string[] = [
  'test',
  'tests',
  '__tests__',
  'spec',
  'e2e',
  '*.test.*',
  '*.spec.*',
  '*_test.go',
  'test_*.py',
  '*_test.py',
  'conftest.py',
  '*_spec.rb',
  '*_test.rb',
  '*_test.exs',
  'playwright.config.*',
  'jest.config.*',
  'vitest.config.*',
  'cypress.config.*',
  'karma.conf.*',
];

/** Generated sources: minified bundles, protobuf and gRPC stubs, designer files, declarations. */
export const GENERATED: readonly string[] = [
  '*.min.js',
  '*.pb.go',
  '*_pb2.py',
  '*_pb2_grpc.py',
  '*.g.cs',
  '*.designer.cs',
  '*.generated.*',
  '*.d.ts',
];

/**
 * Whether a path (relative to the scanned root, `/`-separated) is left out, gitignore-like: a glob
 * without `/` matches a file or folder name at any depth; one with `/` matches the path from the root;
 * a folder left out leaves out everything below it.
 */
export function excluder(globs: readonly string[]): (path: string) => boolean {
  const named = globs.filter((g) => !g.replace(/\/$/, '').includes('/')).map((g) => pathGlobTest(g.replace(/\/$/, '')));
  const rooted = globs
    .filter((g) => g.replace(/\/$/, '').includes('/'))
    .map((g) => pathGlobTest(g.replace(/^\.?\//, '').replace(/\/$/, '')));
  return (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return named.some((test) => test(name)) || rooted.some((test) => test(path));
  };
}
