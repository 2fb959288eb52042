import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers/cli';

const node = (args: string[], env: Record<string, string> = {}): string =>
  execFileSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } });

describe('lib/lambda-bundle.mjs: the AWS SDK rewrite that lets esbuild drop unused shapes', () => {
  let checked: { files: string[]; differing: string[]; packageReads: string[] };

  beforeAll(() => {
    checked = JSON.parse(node([path.join(REPO, 'test', 'infra', 'support', 'sdk-trim-check.mjs')]));
  }, 120_000);

  test('every installed client: its schemas, rewritten, export what they did (thunks followed)', () => {
    expect(checked.files).toEqual(expect.arrayContaining(['client-s3/schemas_0.js', 'client-ssm/schemas_0.js', 'client-eks/schemas_0.js']));
    expect(checked.differing).toEqual([]);
  });

  test('every installed client reads only the version of its package.json, all that the rewrite keeps', () => {
    expect(checked.packageReads).toEqual(['.version']);
  });
});

describe('the stack bundles a handler with `node lib/lambda-bundle.mjs <entry> <outfile>`', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'drift-lambda-bundle-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("snapshot-target, with every live kind's client: the bundle loads and exports its handler", () => {
    const outfile = path.join(dir, 'index.js');
    node([path.join(REPO, 'lib', 'lambda-bundle.mjs'), path.join(REPO, 'lambdas', 'handlers', 'snapshot-target.ts'), outfile]);
    const loaded = node(['--enable-source-maps', '-e', `process.stdout.write(typeof require(${JSON.stringify(outfile)}).handler)`], {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      DRIFT_TABLE: 't',
      DRIFT_BUCKET: 'b',
      DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t',
      DRIFT_FINGERPRINT_SECRET_ARN: 'f',
    });
    expect(loaded).toBe('function');
  }, 120_000);
});
