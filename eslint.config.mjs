import tseslint from 'typescript-eslint';

const impure = 'The core is pure: I/O, the environment and the clock belong in adapters/ or wiring/.';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdk.out/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
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
);
