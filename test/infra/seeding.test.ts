import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { SEEDING_RULES } from '../../lambdas/adapters/s3/bucket-layout';
import { planSeeding, type SeededFile } from '../../lambdas/core/seeding/seed-plan';
import { sha256Hex } from '../../lambdas/core/sha256';
import { buildWith, folderWith, REPO, resourcesOf, SKIP_BUNDLING } from './support/synth';

type Built = Awaited<ReturnType<typeof buildWith>>;

/** Every file below a folder, as relative paths. */
const filesBelow = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();

/** The seeding custom resource of a synth: the files it is handed and the bucket it seeds. */
const seedingOf = (built: Built) => {
  const template = Template.fromStack(built.installation).toJSON() as {
    Resources: Record<string, { Type: string; Properties: { Files: SeededFile[] }; DependsOn?: string[] }>;
  };
  const found = Object.entries(template.Resources).filter(([, r]) => r.Type === 'Custom::DriftEstateSeeding');
  expect(found).toHaveLength(1);
  const [id, r] = found[0]!;
  return { id, files: r.Properties.Files, dependsOn: r.DependsOn ?? [] };
};

/** What `cdk deploy` would upload to the bootstrap bucket (staged by content under seed/), by the key the seeding writes it to under estates/. */
function seeded(built: Built): Record<string, string> {
  const dir = built.app.synth().directory;
  const deployments = Object.values(resourcesOf(built.installation)).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
  const staged: Record<string, string> = {};
  for (const key of deployments.flatMap((d) => d.Properties.SourceObjectKeys as string[])) {
    const asset = path.join(dir, `asset.${key.replace(/\.zip$/, '')}`);
    for (const f of filesBelow(asset)) staged[f] = readFileSync(path.join(asset, f), 'utf8');
  }
  const files = seedingOf(built).files;
  expect(Object.keys(staged).sort()).toEqual([...new Set(files.map((f) => f.sha256))].sort());
  return Object.fromEntries(files.map((f) => [f.key, staged[f.sha256]!]));
}

const everythingIn = (built: Built): string => {
  const dir = built.app.synth().directory;
  return filesBelow(dir)
    .map((f) => readFileSync(path.join(dir, f), 'latin1'))
    .join('\n');
};

const TOKEN = 'ghp_CANARYtokenInGitConfig0123456789';

describe('what cdk deploy seeds: estate files and baselines, nothing else', () => {
  test('the default synth (no `estates` context) installs the live example: its drift.yaml is all that is seeded', async () => {
    const built = await buildWith({ ...SKIP_BUNDLING });
    expect(built.installation.reads.ssm.length).toBeGreaterThan(0);
    expect(Object.keys(seeded(built))).toEqual(['checkout-live/drift.yaml']);
    expect(seeded(built)['checkout-live/drift.yaml']).toBe(readFileSync(path.join(REPO, 'examples/live/drift.yaml'), 'utf8'));
  });

  test('the recorded example is refused, at its first recorded source, with the reason', async () => {
    await expect(buildWith({ ...SKIP_BUNDLING, estates: 'examples/drift.yaml' })).rejects.toThrow(
      "examples/drift.yaml:15:25: environments.dev.sources[0].file.from: a recorded source (from: config/dev.yml) cannot be deployed: the installation's Lambda reads live sources only",
    );
  });

  test('a folder holding .git/config with a token, .ssh/ and a symlink out: `from: .` is refused; read live, only drift.yaml and its baseline are seeded', async () => {
    const dir = folderWith({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/shop/ }\n      - k8s: { from: ., workload: api }\n',
      'conf/baseline.yaml': 'keys:\n  port: { type: int, value: 8080 }\n',
      '.git/config': `[remote "origin"]\n  url = https://x:${TOKEN}@github.com/acme/shop\n`,
      '.ssh/id_ed25519': 'PRIVATE KEY',
      'exports/prod-ssm.json': '{"Parameters":[]}',
    });
    symlinkSync('/etc/hostname', path.join(dir, 'hostname'));
    const rel = path.relative(REPO, path.join(dir, 'drift.yaml'));
    await expect(buildWith({ ...SKIP_BUNDLING, estates: rel })).rejects.toThrow(
      `${rel}:7:22: environments.prod.sources[1].k8s.from: a recorded source (from: .) cannot be deployed`,
    );

    writeFileSync(
      path.join(dir, 'drift.yaml'),
      'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/shop/ }\nbaseline: conf/baseline.yaml\n',
    );
    const built = await buildWith({ ...SKIP_BUNDLING, estates: rel });
    expect(Object.keys(seeded(built)).sort()).toEqual(['shop/conf/baseline.yaml', 'shop/drift.yaml']);
    expect(everythingIn(built)).not.toContain(TOKEN);
  });

  test('a baseline file outside the estate’s folder is refused (it could not be found beside drift.yaml in the bucket)', async () => {
    const dir = folderWith({
      'shop/drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/shop/ }\nbaseline: ../baseline.yaml\n',
    });
    writeFileSync(path.join(dir, 'baseline.yaml'), 'keys:\n  port: { type: int, value: 8080 }\n');
    const rel = path.relative(REPO, path.join(dir, 'shop/drift.yaml'));
    await expect(buildWith({ ...SKIP_BUNDLING, estates: rel })).rejects.toThrow(
      `${rel}:7:11: the baseline file ../baseline.yaml is outside the estate file's folder`,
    );
  });
});

describe('a deploy stages its files under seed/; the seeding decides what reaches estates/', () => {
  test('the staging keeps every file under seed/ by its content (a rollback finds the previous ones), and the seeding runs after it, with each file’s hash and source time', async () => {
    const dir = folderWith({
      'shop/drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/shop/ }\nbaseline: baseline.yaml\n',
      'shop/baseline.yaml': 'keys:\n  port: { type: int, value: 8080 }\n',
    });
    utimesSync(path.join(dir, 'shop/drift.yaml'), new Date('2026-05-01T08:00:00Z'), new Date('2026-05-01T08:00:00Z'));
    utimesSync(path.join(dir, 'shop/baseline.yaml'), new Date('2026-04-01T08:00:00Z'), new Date('2026-04-01T08:00:00Z'));
    const built = await buildWith({ ...SKIP_BUNDLING, estates: path.relative(REPO, path.join(dir, 'shop/drift.yaml')) });
    const deployments = Object.entries(resourcesOf(built.installation)).filter(([, r]) => r.Type === 'Custom::CDKBucketDeployment');
    expect(deployments.map(([, d]) => [d.Properties.DestinationBucketKeyPrefix, d.Properties.Prune])).toEqual([['seed/', false]]);

    const files = seeded(built);
    const seeding = seedingOf(built);
    expect([...seeding.files].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'shop/baseline.yaml', sha256: sha256Hex(files['shop/baseline.yaml']!), sourceTime: '2026-04-01T08:00:00.000Z' },
      { key: 'shop/drift.yaml', sha256: sha256Hex(files['shop/drift.yaml']!), sourceTime: '2026-05-01T08:00:00.000Z' },
    ]);
    expect(seeding.dependsOn).toEqual(expect.arrayContaining([deployments[0]![0]]));
  });

  test('a file committed in git carries the time of its commit', async () => {
    const built = await buildWith({ ...SKIP_BUNDLING });
    const committed = execFileSync('git', ['log', '-1', '--format=%cI', '--', 'examples/live/drift.yaml'], {
      cwd: REPO,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'examples/live/drift.yaml'], { cwd: REPO, encoding: 'utf8' }).trim();
    const expected = dirty ? statSync(path.join(REPO, 'examples/live/drift.yaml')).mtime : new Date(committed);
    expect(seedingOf(built).files.map((f) => [f.key, f.sourceTime])).toEqual([['checkout-live/drift.yaml', expected.toISOString()]]);
  });

  test('what the seeding did is an output of the stack: the files a newer publish kept, and the estates removed', async () => {
    const built = await buildWith({ ...SKIP_BUNDLING });
    const outputs = Template.fromStack(built.installation).toJSON().Outputs as Record<
      string,
      { Value: { 'Fn::GetAtt': [string, string] } }
    >;
    const id = seedingOf(built).id;
    expect(outputs.SeedingKeptNewer?.Value).toEqual({ 'Fn::GetAtt': [id, 'KeptNewer'] });
    expect(outputs.SeedingRemoved?.Value).toEqual({ 'Fn::GetAtt': [id, 'Removed'] });
  });
});

describe('a second cdk deploy over the first', () => {
  const estate = (name: string) =>
    `version: 1\nname: ${name}\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/${name}/ }\n`;

  test('an estate dropped from `estates` (or renamed) leaves estates/: it is no longer audited; the code scans drift publish wrote stay', async () => {
    const dir = folderWith({ 'shop/drift.yaml': estate('shop'), 'cart/drift.yaml': estate('cart') });
    const rel = (f: string) => path.relative(REPO, path.join(dir, f));
    const first = await buildWith({ ...SKIP_BUNDLING, estates: [rel('shop/drift.yaml'), rel('cart/drift.yaml')] });
    // After the first deploy, CI published each estate's code scan beside it.
    const bucket = [
      ...seedingOf(first).files.map(({ key, sha256 }) => ({ key, sha256 })),
      { key: 'shop/code-scan.json' },
      { key: 'cart/code-scan.json' },
    ];

    const second = await buildWith({ ...SKIP_BUNDLING, estates: [rel('shop/drift.yaml')] });
    const plan = planSeeding(seedingOf(second).files, bucket, SEEDING_RULES);
    // plan-run audits every drift.yaml under estates/: cart's would still be read, with no grant left for its reads.
    expect(plan.remove).toEqual(['cart/drift.yaml']);
    expect(plan.unchanged).toEqual(['shop/drift.yaml']);
  });
});

describe('a seeding that fails, however it fails, reaches CloudFormation promptly', () => {
  type Resource = { Type: string; Properties: Record<string, unknown> };
  const resourcesBy = (built: Built) => Template.fromStack(built.installation).toJSON().Resources as Record<string, Resource>;
  const fnArnRef = (v: unknown) => (v as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];

  test('the custom resource is answered by CDK’s provider framework, which invokes the seeding function and outlives its timeout', async () => {
    const resources = resourcesBy(await buildWith({ ...SKIP_BUNDLING }));
    const { id } = seedingOf(await buildWith({ ...SKIP_BUNDLING }));
    const [answerer, attr] = fnArnRef(resources[id]!.Properties.ServiceToken);
    expect(attr).toBe('Arn');
    const framework = resources[answerer]!;
    // The framework answers FAILED when the invoke reports a function error: a crash, an out-of-memory, a timeout, an import error.
    expect(framework.Properties.Handler).toBe('framework.onEvent');
    const env = (framework.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const [seeder] = fnArnRef(env.USER_ON_EVENT_FUNCTION_ARN);
    const seeding = resources[seeder]!;
    expect(seeding.Properties.Handler).toBe('index.handler');
    expect(String(seeding.Properties.Description)).toMatch(/seeds estates\//);
    expect(Number(seeding.Properties.Timeout)).toBeLessThan(Number(framework.Properties.Timeout));
    // Its own response URL is never the seeding function's business: it is not the service token.
    expect(
      Object.values(resources).some((r) => r.Type.startsWith('Custom::') && JSON.stringify(r.Properties.ServiceToken).includes(seeder)),
    ).toBe(false);
  });

  test('were the framework itself to die unanswered, CloudFormation stops waiting after its function’s timeout, not an hour', async () => {
    const built = await buildWith({ ...SKIP_BUNDLING });
    const resources = resourcesBy(built);
    const seed = resources[seedingOf(built).id]!;
    const framework = resources[fnArnRef(seed.Properties.ServiceToken)[0]]!;
    const waits = Number(seed.Properties.ServiceTimeout);
    expect(waits).toBeGreaterThan(Number(framework.Properties.Timeout));
    expect(waits).toBeLessThanOrEqual(20 * 60);
  });

  test('an installation deployed before keeps working through the upgrade: the resource and its function are new (CloudFormation refuses a changed service token)', async () => {
    const resources = resourcesBy(await buildWith({ ...SKIP_BUNDLING }));
    // The logical ids of the self-answering seeding: its Delete, at the upgrade's cleanup, must still reach that code.
    expect(Object.keys(resources)).not.toContain('DriftEstatesSeeding8D22A04D');
    expect(Object.keys(resources)).not.toContain('DriftEstatesSeedingFunction53BBE7A4');
  });
});

describe('the first scheduled run finds the estates the deploy brings', () => {
  test('the schedule is made only once the seeding has written estates/: a deploy that straddles the cron never runs on a half-seeded bucket', async () => {
    const built = await buildWith({ ...SKIP_BUNDLING });
    const template = Template.fromStack(built.installation).toJSON() as {
      Resources: Record<string, { Type: string; DependsOn?: string[] }>;
    };
    const schedules = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.DependsOn ?? []).toContain(seedingOf(built).id);
  });
});
