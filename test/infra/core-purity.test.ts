import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/** Lints `code` as if it were `file`, with the project's own ESLint configuration (its CLI: the config is ESM). */
async function lint(code: string, file: string): Promise<string[]> {
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'],
    {
      cwd: REPO,
      input: code,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(r.stdout) as Array<{ messages: Array<{ message: string }> }>;
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the lint rule that keeps the core pure', () => {
  test.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ["import { SSMClient } from '@aws-sdk/client-ssm';\nexport const c = SSMClient;\n"],
    ['export const region = process.env.AWS_REGION;\n'],
    ['export const now = Date.now();\n'],
    ['export const today = new Date();\n'],
    ['export const r = Math.random();\n'],
    ["import { loadEstate } from '../../adapters/estate-file';\nexport const l = loadEstate;\n"],
  ])('refuses I/O, the environment and the clock under lambdas/core/: %s', async (code) => {
    const messages = await lint(code, 'lambdas/core/engine/example.ts');
    expect(messages.join('\n')).toMatch(/core/);
  });

  test('allows the same code outside the core, and pure code inside it', async () => {
    expect(await lint("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'lambdas/adapters/example.ts')).toEqual(
      [],
    );
    expect(
      await lint(
        "import { createHash } from 'node:crypto';\nexport const at = (iso: string) => new Date(iso);\nexport const h = createHash;\n",
        'lambdas/core/engine/example.ts',
      ),
    ).toEqual([]);
  });
});
