import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANDLERS, OPTIONAL_HANDLERS } from '../../lib/function-names';
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

describe('lib/lambda-bundle.mjs: S3 event streams, loaded when a stream is read', () => {
  test('a bundled S3 client is made without the event stream code, and still reads an event stream (SelectObjectContent)', () => {
    const out = JSON.parse(
      node([path.join(REPO, 'test', 'infra', 'support', 's3-event-stream-check.mjs')], {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      }),
    ) as { records: string[]; madeWithoutEventStreams: boolean };
    expect(out.records).toEqual(['a,1\n', 'b,2\n']);
    expect(out.madeWithoutEventStreams).toBe(true);
  }, 60_000);
});

describe('lib/lambda-bundle.mjs: the secret rules as rows', () => {
  test('the module it writes exports the rules and allowlists of gitleaks-rules.json, equal, in fewer bytes', () => {
    const script = `
      import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
      import * as path from 'node:path';
      import * as os from 'node:os';
      import { pathToFileURL } from 'node:url';
      import { compactSecretRules } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'lib', 'lambda-bundle.mjs')).href)};
      const json = readFileSync(${JSON.stringify(path.join(REPO, 'lambdas', 'core', 'values', 'secret-rules', 'gitleaks-rules.json'))}, 'utf8');
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'drift-rules-')), 'rules.mjs');
      writeFileSync(file, compactSecretRules(json));
      const m = await import(pathToFileURL(file).href);
      process.stdout.write(JSON.stringify({ module: m.default, named: { rules: m.rules, allowlists: m.allowlists }, bytes: readFileSync(file).length }));`;
    const out = JSON.parse(node(['--input-type=module', '-e', script])) as { module: unknown; named: unknown; bytes: number };
    const data = JSON.parse(readFileSync(path.join(REPO, 'lambdas', 'core', 'values', 'secret-rules', 'gitleaks-rules.json'), 'utf8'));
    const expected = { rules: data.rules, allowlists: data.allowlists };
    expect(out.module).toEqual(expected);
    expect(out.named).toEqual(expected);
    expect(out.bytes).toBeLessThan(JSON.stringify(expected).length - 8 * 1024);
  });
});

describe('the stack bundles a handler with `node lib/lambda-bundle.mjs <entry> <outdir>`', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'drift-lambda-bundle-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ENV = {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    DRIFT_TABLE: 't',
    DRIFT_BUCKET: 'b',
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t',
    DRIFT_FINGERPRINT_SECRET_ARN: 'f',
  };
  // What Lambda loads for the handler `index.handler`, and the chunks beside it.
  const entry = () => path.join(dir, 'index.mjs');
  const entryUrl = () => JSON.stringify(pathToFileURL(entry()).href);
  const bundleText = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');

  test("snapshot-target, with every live kind's client: the bundle loads and exports its handler", () => {
    node([path.join(REPO, 'lib', 'lambda-bundle.mjs'), path.join(REPO, 'lambdas', 'handlers', 'snapshot-target.ts'), dir]);
    const loaded = node(['--input-type=module', '-e', `process.stdout.write(typeof (await import(${entryUrl()})).handler)`], ENV);
    expect(loaded).toBe('function');
  }, 120_000);

  // Every function, as Lambda loads it: an ES module whose chunks each declare require, __filename
  // and __dirname in the banner (a bundled module declaring one at top level would not load).
  test.each([...HANDLERS, ...OPTIONAL_HANDLERS].filter((h) => h !== 'snapshot-target'))(
    '%s: the bundle loads and exports its handler',
    (name) => {
      const own = mkdtempSync(path.join(dir, `${name}-`));
      node([path.join(REPO, 'lib', 'lambda-bundle.mjs'), path.join(REPO, 'lambdas', 'handlers', `${name}.ts`), own]);
      const url = JSON.stringify(pathToFileURL(path.join(own, 'index.mjs')).href);
      const env = {
        ...ENV,
        DRIFT_SLACK_SECRET_ARN: 's',
        DRIFT_TICKETS: '{"tracker":"github","repo":"o/r"}',
        DRIFT_TICKETS_SECRET_ARN: 't',
      };
      expect(node(['--input-type=module', '-e', `process.stdout.write(typeof (await import(${url})).handler)`], env)).toBe('function');
    },
    120_000,
  );

  test("a live kind's SDK part is a chunk that loads, and makes its clients, outside the bundle's start", () => {
    const ssmChunk = readdirSync(dir).find((f) => /^ssm-sdk-\w+\.mjs$/.test(f));
    expect(ssmChunk).toBeDefined();
    // The entry imports it when the kind's first source is read, and not as it loads.
    const entryText = readFileSync(entry(), 'utf8');
    expect(entryText).toContain(`import("./${ssmChunk}")`);
    expect(entryText.replace(`import("./${ssmChunk}")`, '')).not.toContain(ssmChunk);
    const script = `const { ssmSdk } = await import(${JSON.stringify(pathToFileURL(path.join(dir, ssmChunk!)).href)});
      const clients = ssmSdk.clients({ region: 'eu-west-1', credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) });
      process.stdout.write(await clients.ssm.config.region());`;
    expect(node(['--input-type=module', '-e', script], ENV)).toBe('eu-west-1');
  });

  test('the yaml package lies beside the bundle, outside it, and the bundle requires it from there when it needs it', () => {
    const beside = path.join(dir, 'yaml-lib.cjs');
    expect(bundleText()).toContain('("./yaml-lib.cjs")');
    // One of the package's own messages: in the file beside, not in the bundle.
    expect(bundleText()).not.toContain('Implicit keys need to be on a single line');
    expect(readFileSync(beside, 'utf8')).toContain('Implicit keys need to be on a single line');
    const parsed = node(['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(beside)}).parse('a: [1, two]')))`]);
    expect(JSON.parse(parsed)).toEqual({ a: [1, 'two'] });
  });

  test("a handler's error stack names the source's file and line; the map is read at that error, not at load", () => {
    // Counts reads of the source map: none while the bundle loads, one when the first stack is formatted.
    const script = `
      import fs from 'node:fs';
      import { syncBuiltinESMExports } from 'node:module';
      const read = fs.readFileSync;
      let mapReads = 0;
      fs.readFileSync = function (file, ...rest) { if (String(file).endsWith('.map')) mapReads++; return read.call(this, file, ...rest); };
      // What the bundle's ES modules import by name from node:fs, too.
      syncBuiltinESMExports();
      const { handler } = await import(${entryUrl()});
      const atLoad = mapReads;
      handler({ runId: 'no spaces allowed', estates: [], target: { account: '1', region: 'us-east-1' } }, { functionName: 'f', awsRequestId: 'r' })
        .then(() => process.stdout.write('resolved'), (err) => process.stdout.write(JSON.stringify({ atLoad, stack: err.stack, stackAgain: err.stack, mapReads })));`;
    const out = JSON.parse(node(['--input-type=module', '-e', script], ENV)) as { atLoad: number; stack: string; mapReads: number };
    expect(out.atLoad).toBe(0);
    expect(out.stack.split('\n')[0]).toMatch(/runId must be/);
    // The frame that threw is checkRunId's, in plan-run.ts (the bundle is minified: only the map knows these names).
    const source = (file: string) => `${path.join(REPO, 'lambdas', 'use-cases', file)}:`;
    expect(out.stack.split('\n')[1]).toMatch(/^ {4}at checkRunId \(/);
    expect(out.stack.split('\n')[1]).toContain(`(${source('plan-run.ts')}`);
    expect(out.stack).toContain(source('snapshot-target.ts'));
    expect(out.stack).not.toContain(entryUrl().slice(1, -1));
    expect(out.mapReads).toBe(1);
  }, 120_000);
});
