const ESM_ONLY = '(@middy|@octokit|universal-user-agent|before-after-hook|json-with-bigint|content-type)';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // TypeScript, and @middy/core 6 and @octokit/rest 22 (with the small packages it pulls in), which ship ESM only
    // while jest runs CommonJS: test/helpers/esbuild-transform.js.
    '^.+\\.ts$': '<rootDir>/test/helpers/esbuild-transform.js',
    [`/node_modules/${ESM_ONLY}/.+\\.js$`]: '<rootDir>/test/helpers/esbuild-transform.js',
  },
  // Everything else under node_modules stays untransformed (and fast).
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  // A guard against a hang, not a measure (the benchmark measures): the infrastructure tests synthesize whole
  // installations, and on a busy 2-core machine the first test of a file can take 30 s to get there.
  testTimeout: 60000,
  // One worker per core (jest's default leaves one free, which runs a 2-core machine's suite in band,
  // on one core): the main process only schedules the files and serves the shared dynalite.
  maxWorkers: '100%',
  // One dynalite for the whole run instead of one per test file (test/helpers/dynalite.ts), and one
  // temporary folder, removed at the end, for every scratch folder the tests make (run-tmpdir.ts).
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  setupFiles: ['<rootDir>/test/helpers/quiet-cdk.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/observation-equality.ts'],
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
};
