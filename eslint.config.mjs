import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import { boundariesPlugin } from './scripts/eslint-import-boundaries.mjs';

const impure = 'The core is pure: I/O, the environment and the clock belong in adapters/ or wiring/.';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdk.out/**',
      'coverage/**',
      'test/fixtures/opentelemetry-demo/**',
      'test/fixtures/code-configs/**',
      'test/fixtures/realworld/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:fs',
                'fs',
                'node:fs/*',
                'fs/*',
                'node:child_process',
                'child_process',
                'node:net',
                'node:http',
                'node:https',
                'node:os',
                'os',
                'node:path',
                'path',
              ],
              message: impure,
            },
            { group: ['@aws-sdk/*', 'aws-lambda', '@aws-lambda-powertools/*', '@middy/*'], message: impure },
            {
              group: ['**/adapters/**', '**/wiring/**', '**/cli/**', '**/use-cases/**', '**/handlers/**'],
              message: 'The core depends on nothing outside it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: impure },
        { name: 'fetch', message: impure },
        { name: 'setTimeout', message: impure },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: impure },
        { object: 'Math', property: 'random', message: impure },
        { object: 'performance', property: 'now', message: impure },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: impure },
        { selector: "CallExpression[callee.name='require']", message: 'Use imports, so the purity rule sees them.' },
      ],
    },
  },
  {
    // The core's modules loaded on first use (lambdas/core/on-demand/README.md): loading code is not
    // I/O, and a `require` in a function is the one way to load it only when a command needs it.
    files: ['lambdas/core/on-demand/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: impure }],
    },
  },
  {
    // Which part of lambdas/ may import which (the core's own limits are the rules above). An adapter
    // folder is the first folder under lambdas/adapters/ (live/ecs is in live). The top-level files of
    // lambdas/adapters/ (estate file, path confinement, state folder, key file: local-file helpers) are
    // the adapters' shared base: every adapter folder may import them, and they import no adapter folder.
    files: ['lambdas/**/*.ts'],
    plugins: { drift: boundariesPlugin },
    rules: {
      'drift/import-boundaries': [
        'error',
        {
          from: 'adapters/*',
          allow: ['core', 'ports', 'adapters', 'self'],
          because: 'an adapter imports only the core, the ports, the top-level adapter files, its own folder and packages.',
        },
        {
          from: 'adapters',
          allow: ['core', 'ports', 'self'],
          because: 'the top-level adapter files import only the core, the ports, each other and packages.',
        },
        {
          from: 'use-cases',
          allow: ['core', 'ports', 'self'],
          because: 'a use case imports only the core, the ports and other use cases.',
        },
        { from: ['handlers', 'use-cases', 'wiring'], deny: ['cli'], because: 'what the Lambda functions run never reaches into the CLI.' },
      ],
    },
  },
  {
    // jest compiles a test as an ES module runs (test/helpers/esbuild-transform.js): its imports first. A statement
    // written above an import runs after it, so a setting it makes for the imported module (process.env read as the
    // module loads) would silently not apply: it belongs in a module imported first (test/helpers/powertools-env.ts).
    // Files that call jest.mock go through ts-jest, which hoists the calls: those calls may stand anywhere.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "Program > :matches(ExpressionStatement:not([expression.callee.object.name='jest']), VariableDeclaration, IfStatement, TryStatement, BlockStatement, ForStatement, ForOfStatement) ~ ImportDeclaration",
          message: 'Imports run before the statements above them: move this import up, or the statement into a module imported first.',
        },
      ],
    },
  },
  {
    // drift reads values, estate files and code it does not control: a pattern that backtracks or restarts
    // super-linearly stalls on a hostile one (50,000 blanks before a lone CR took seconds). Both rules are
    // static; a pattern built at run time (new RegExp) is not seen, and the secret rules' are fuzzed instead.
    files: ['lambdas/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
);
