import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const REPO = path.resolve(__dirname, '../..');

// ESLint loads eslint.config.mjs with import(), which jest's module sandbox refuses; a worker thread
// runs outside the sandbox, so the project's configuration is found and loaded as `eslint .` does,
// once for every case of this file (one ESLint process per case cost ~0.7 s each).
const LINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');
const { ESLint } = require(require.resolve('eslint', { paths: [workerData.repo] }));
const eslint = new ESLint({ cwd: workerData.repo });
parentPort.on('message', ({ id, code, file }) => {
  eslint
    .lintText(code, { filePath: path.join(workerData.repo, file) })
    .then(([result]) => parentPort.postMessage({ id, messages: (result ? result.messages : []).map((m) => m.message) }))
    .catch((err) => parentPort.postMessage({ id, error: String(err && err.stack) }));
});
`;

let worker: Worker;
let asked = 0;
let failed: Error | undefined;
const answers = new Map<number, (reply: { messages?: string[]; error?: string }) => void>();

beforeAll(() => {
  worker = new Worker(LINTER, { eval: true, workerData: { repo: REPO } });
  worker.on('message', (reply: { id: number; messages?: string[]; error?: string }) => answers.get(reply.id)?.(reply));
  // A worker that cannot start (ESLint or the configuration failing to load) fails every case, not a timeout.
  worker.on('error', (err) => {
    failed = err;
    answers.forEach((answer) => answer({ error: err.stack }));
  });
});
afterAll(() => worker.terminate());

/** Lints `code` as if it were `file`, with the project's own ESLint configuration. */
function lint(code: string, file: string): Promise<string[]> {
  const id = ++asked;
  if (failed) return Promise.reject(failed);
  return new Promise((resolve, reject) => {
    answers.set(id, ({ messages, error }) => {
      answers.delete(id);
      if (messages) resolve(messages);
      else reject(new Error(error));
    });
    worker.postMessage({ id, code, file });
  });
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

describe('the lint rule that keeps each part of lambdas/ to what it may import', () => {
  const importing = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;

  test.each([
    ['lambdas/adapters/live/ecs/example.ts', '../../../wiring/aws-clients', 'adapters/live must not import wiring'],
    ['lambdas/adapters/s3/example.ts', '../../cli/render/text-report', 'adapters/s3 must not import cli'],
    ['lambdas/adapters/s3/example.ts', '../../use-cases/plan-run', 'adapters/s3 must not import use-cases'],
    ['lambdas/adapters/sns/example.ts', '../../handlers/notify-run', 'adapters/sns must not import handlers'],
    ['lambdas/adapters/slack/example.ts', '../secrets/secret-value', 'adapters/slack must not import adapters/secrets'],
    ['lambdas/adapters/live/eks/example.ts', '../../s3/object-body', 'adapters/live must not import adapters/s3'],
    ['lambdas/adapters/estate-file.ts', './dynamodb/dynamodb-store', 'adapters must not import adapters/dynamodb'],
    ['lambdas/adapters/estate-file.ts', '../wiring/open-store', 'adapters must not import wiring'],
    ['lambdas/use-cases/example.ts', '../adapters/s3/s3-objects', 'use-cases must not import adapters/s3'],
    ['lambdas/use-cases/example.ts', '../wiring/lambda-base', 'use-cases must not import wiring'],
    ['lambdas/use-cases/example.ts', '../cli/render/style', 'use-cases must not import cli'],
    ['lambdas/handlers/example.ts', '../cli/io', 'handlers must not import cli'],
    ['lambdas/wiring/example.ts', '../cli/render/markdown-report', 'wiring must not import cli'],
  ])('%s importing %s: refused', async (file, source, message) => {
    expect(await lint(importing(source), file)).toEqual([expect.stringContaining(`${message} ('${source}')`)]);
  });

  test('type-only imports, re-exports and dynamic imports are imports too', async () => {
    const file = 'lambdas/adapters/live/example.ts';
    const refused = [expect.stringContaining('adapters/live must not import wiring')];
    expect(await lint("import type { X } from '../../wiring/aws-clients';\nexport type Y = X;\n", file)).toEqual(refused);
    expect(await lint("export { x } from '../../wiring/aws-clients';\n", file)).toEqual(refused);
    expect(await lint("export const load = () => import('../../wiring/aws-clients');\n", file)).toEqual(refused);
  });

  test.each([
    [
      'lambdas/adapters/live/ecs/example.ts',
      ['../../../core/keys', '../../../ports/source-collector', '../aws-errors', '../eks/kube-client'],
    ],
    ['lambdas/adapters/dynamodb/example.ts', ['../state-folder', './store-table', '../../ports/audit-store', '@aws-sdk/client-dynamodb']],
    ['lambdas/adapters/estate-file.ts', ['./estate-confinement', '../core/estate/model', '../ports/estate-source', 'node:fs']],
    ['lambdas/use-cases/example.ts', ['./record-audit', '../core/kinds', '../ports/audit-store', 'yaml']],
    ['lambdas/wiring/example.ts', ['../adapters/s3/s3-objects', '../use-cases/audit-run', './lambda-base']],
    ['lambdas/handlers/example.ts', ['../wiring/lambda-plan', '../use-cases/plan-run']],
    ['lambdas/cli/example.ts', ['../wiring/open-store', '../adapters/estate-file', './io']],
  ])('%s may import %j', async (file, sources) => {
    for (const source of sources) expect(await lint(importing(source), file)).toEqual([]);
  });
});
