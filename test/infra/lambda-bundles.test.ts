import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { BUNDLE_EXTERNALS } from '../../lib/functions';
import { HANDLERS, OPTIONAL_HANDLERS, type FunctionName } from '../../lib/function-names';
import { REPO } from '../helpers/cli';

// Bundled as lib/lambda-bundle.mjs bundles the handlers, without its AWS SDK rewrite (an ES module jest
// cannot load; test/infra/lambda-bundle.test.ts checks it), which changes no client a bundle holds.
const AS_THE_STACK: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  // REQUIRE_BANNER of lib/esm-require.mjs, which the SDK's CommonJS dependencies need (jest cannot import an .mjs).
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  mainFields: ['module', 'main'],
  external: BUNDLE_EXTERNALS,
  metafile: true,
  logLevel: 'error',
};

/** Bundles as the stack does, and tells what went in. */
async function bundle(options: BuildOptions): Promise<Metafile> {
  const { metafile } = await build({ ...AS_THE_STACK, ...options });
  if (!metafile) throw new Error('esbuild made no metafile');
  return metafile;
}

/** The `@aws-sdk/client-*` packages with code in a bundle, or in the given files of it. */
const clientsIn = (metafile: Metafile, files: string[] = Object.keys(metafile.outputs)): string[] => {
  const names = new Set<string>();
  for (const output of files.map((f) => metafile.outputs[f]!)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /@aws-sdk\/client-([a-z0-9-]+)\//.exec(file);
      if (m && bytesInOutput > 0) names.add(m[1] as string);
    }
  }
  return [...names].sort();
};

// What each function's wiring uses: a client built at module level for another function (an
// `once(…)` esbuild could not prove unused) or a registry that holds every kind's clients would show.
const CLIENTS: Record<FunctionName, string[]> = {
  'plan-run': ['dynamodb', 's3'],
  'snapshot-target': [
    'appconfig',
    'appconfigdata',
    'application-auto-scaling',
    'dynamodb',
    'ecs',
    'eks',
    's3',
    'secrets-manager',
    'ssm',
    'sts',
  ],
  'audit-run': ['dynamodb', 's3'],
  'notify-run': ['dynamodb', 's3', 'secrets-manager', 'sns'],
  'route-events': ['s3', 'sfn'],
  'sync-tickets': ['dynamodb', 's3', 'secrets-manager'],
};

/** The files a cold start loads: the entry and what it imports statically, not what it imports when a run needs it. */
function loadedAtStart(metafile: Metafile, name: FunctionName): string[] {
  // What is imported when needed is an entry point too: the handler's file names the one Lambda loads.
  const entry = Object.keys(metafile.outputs).find((f) => metafile.outputs[f]!.entryPoint?.endsWith(`handlers/${name}.ts`));
  const seen = new Set<string>();
  for (const todo = entry ? [entry] : []; todo.length;) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of metafile.outputs[file]!.imports) if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
  }
  return [...seen];
}

// Each function is bundled once for all the tests that read what went in (a bundle takes seconds).
const bundles = new Map<FunctionName, Promise<Metafile>>();
const bundleOf = (name: FunctionName): Promise<Metafile> => {
  if (!bundles.has(name))
    bundles.set(
      name,
      bundle({
        entryPoints: [path.join(REPO, 'lambdas', 'handlers', `${name}.ts`)],
        outdir: path.join(os.tmpdir(), `drift-${name}`),
        write: false,
      }),
    );
  return bundles.get(name)!;
};

describe('each function bundles the AWS SDK clients its own wiring uses, and no other', () => {
  test.each([...HANDLERS, ...OPTIONAL_HANDLERS])(
    '%s',
    async (name) => {
      expect(clientsIn(await bundleOf(name))).toEqual(CLIENTS[name]);
    },
    60_000,
  );

  test('seed-estates (the deploy-time seeding, not a run function) bundles the S3 client only', async () => {
    expect(clientsIn(await bundleOf('seed-estates' as FunctionName))).toEqual(['s3']);
  }, 60_000);

  test("snapshot-target starts without a live kind's clients: each is a chunk of its own, loaded at the kind's first source", async () => {
    const metafile = await bundleOf('snapshot-target');
    // The store's, the run bucket's, the fingerprint key's, and STS for member accounts' read roles.
    expect(clientsIn(metafile, loadedAtStart(metafile, 'snapshot-target'))).toEqual(['dynamodb', 's3', 'secrets-manager', 'sts']);
    const ssmChunks = Object.keys(metafile.outputs).filter((f) => clientsIn(metafile, [f]).includes('ssm'));
    expect(ssmChunks).toHaveLength(1);
    expect(loadedAtStart(metafile, 'snapshot-target')).not.toContain(ssmChunks[0]);
  }, 60_000);

  // The Lambdas read sources live: recorded files, recordings and reverts are the CLI's (core/source-kinds/file-forms.ts).
  test.each([...HANDLERS, ...OPTIONAL_HANDLERS])(
    "%s bundles no source kind's file form: no recorded-file reader, recording or revert",
    async (name) => {
      const metafile = await bundleOf(name);
      const inputs = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs).filter((i) => o.inputs[i]!.bytesInOutput > 0));
      expect(inputs.filter((i) => /lambdas\/core\/(source-kinds\/file-forms|recordings|revert)\//.test(i))).toEqual([]);
    },
    60_000,
  );

  // zod's classic build brings every schema type, their methods and its JSON Schema code into each function,
  // and builds every schema with them at each cold start: the schemas are written with zod/mini (lambdas/core/zod.ts).
  test.each([...HANDLERS, ...OPTIONAL_HANDLERS])(
    "%s starts without zod's classic build, its JSON Schema code or a locale other than English",
    async (name) => {
      const metafile = await bundleOf(name);
      const inputs = loadedAtStart(metafile, name).flatMap((f) =>
        Object.keys(metafile.outputs[f]!.inputs).filter((i) => metafile.outputs[f]!.inputs[i]!.bytesInOutput > 0),
      );
      expect(inputs.filter((i) => /\/zod\/v4\/(classic\/|core\/(to-)?json-schema|locales\/(?!en\.js))/.test(i))).toEqual([]);
      expect(inputs.filter((i) => /\/zod\/v4\/mini\//.test(i)).length).toBeGreaterThan(0);
    },
    60_000,
  );

  test("audit-run bundles the json and html renderers it writes a run's report with, and no other format's", async () => {
    const metafile = await bundleOf('audit-run');
    const inputs = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs).filter((i) => o.inputs[i]!.bytesInOutput > 0));
    const renderers = inputs.filter((i) => /lambdas\/adapters\/reports\/[\w-]+-report\.ts$/.test(i)).map((i) => path.basename(i));
    expect(renderers.sort()).toEqual(['html-report.ts', 'json-report.ts']);
  }, 60_000);

  test("snapshot-target starts without the AppConfig reader's parsers: they load with the kind's SDK part, at its first source", async () => {
    const metafile = await bundleOf('snapshot-target');
    const atStart = loadedAtStart(metafile, 'snapshot-target').flatMap((f) =>
      Object.keys(metafile.outputs[f]!.inputs).filter((i) => metafile.outputs[f]!.inputs[i]!.bytesInOutput > 0),
    );
    expect(
      atStart.filter((i) => /lambdas\/core\/sources\/(appconfig(-flags|-deployment|-content)?|config-file|dotenv)\.ts$/.test(i)),
    ).toEqual([]);
  }, 60_000);

  test("sync-tickets starts without a tracker's client: each is a chunk of its own, loaded when its tracker is first made", async () => {
    const metafile = await bundleOf('sync-tickets');
    const withInput = (pattern: RegExp): string[] =>
      Object.keys(metafile.outputs).filter((f) => Object.keys(metafile.outputs[f]!.inputs).some((i) => pattern.test(i)));
    const octokit = withInput(/@octokit\/core\//);
    const jira = withInput(/adapters\/tickets\/jira\/jira-client\.ts$/);
    expect(octokit).toHaveLength(1);
    expect(jira).toHaveLength(1);
    expect(octokit).not.toEqual(jira);
    const atStart = loadedAtStart(metafile, 'sync-tickets');
    expect(atStart).not.toContain(octokit[0]);
    expect(atStart).not.toContain(jira[0]);
  }, 60_000);
});

// What a function does first with any AWS client: resolve its credentials.
const ENTRY = `import { S3Client } from '@aws-sdk/client-s3';
new S3Client({ region: 'us-east-1' }).config.credentials().then(
  (c) => process.stdout.write('key ' + c.accessKeyId),
  (e) => process.stdout.write('failed ' + e.message),
);`;

describe('the Lambda bundles leave out the credential providers Lambda never reaches', () => {
  let dir: string;
  let metafile: Metafile;

  beforeAll(async () => {
    // Outside the repository: nothing left out of the bundle can be found beside it.
    dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bundle-'));
    metafile = await bundle({
      stdin: { contents: ENTRY, loader: 'ts', resolveDir: REPO },
      splitting: false,
      outfile: path.join(dir, 'index.mjs'),
    });
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (env: Record<string, string>): string =>
    execFileSync(process.execPath, [path.join(dir, 'index.mjs')], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });

  test('a client finds the function role credentials in the environment, as Lambda gives them', () => {
    expect(run({ AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' })).toBe('key AKIDFROMENV');
  });

  test('only an environment without credentials reaches for a provider left out (the runtime has its copy)', () => {
    expect(run({})).toMatch(/^failed .*@aws-sdk\/credential-provider-ini/);
  });

  test('the SSO, OIDC and STS clients of those providers are not in the bundle', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((f) => /nested-clients|credential-provider-(sso|ini|web-identity)|token-providers/.test(f))).toEqual([]);
  });
});
