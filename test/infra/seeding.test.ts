import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildWith, folderWith, REPO, resourcesOf, SKIP_BUNDLING } from './support/synth';

type Built = Awaited<ReturnType<typeof buildWith>>;

/** Every file below a folder, as relative paths. */
const filesBelow = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();

/** What `cdk deploy` would upload to the bootstrap bucket and copy to the estate bucket: the seeding assets' files. */
function seeded(built: Built): Record<string, string> {
  const dir = built.app.synth().directory;
  const deployments = Object.values(resourcesOf(built.installation)).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
  const out: Record<string, string> = {};
  for (const key of deployments.flatMap((d) => d.Properties.SourceObjectKeys as string[])) {
    const asset = path.join(dir, `asset.${key.replace(/\.zip$/, '')}`);
    for (const f of filesBelow(asset)) out[f] = readFileSync(path.join(asset, f), 'utf8');
  }
  return out;
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

/**
 * What `aws s3 sync` (BucketDeployment's handler) leaves under the destination prefix: every seeded
 * file, and of the objects already there those it keeps: all without `Prune`, else only those an
 * `Exclude` filter matches (the CLI's filters: `*` any characters, `/` included; `?` one).
 */
function afterSync(before: string[], props: Record<string, unknown>, seededKeys: string[]): string[] {
  const filters = ((props.Exclude as string[] | undefined) ?? []).map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ),
  );
  const kept = before.filter((k) => props.Prune !== true || filters.some((f) => f.test(k)));
  return [...new Set([...kept, ...seededKeys])].sort();
}

describe('a second cdk deploy over the first', () => {
  const estate = (name: string) =>
    `version: 1\nname: ${name}\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/${name}/ }\n`;

  test('an estate dropped from `estates` (or renamed) leaves estates/: it is no longer audited; the code scans drift publish wrote stay', async () => {
    const dir = folderWith({ 'shop/drift.yaml': estate('shop'), 'cart/drift.yaml': estate('cart') });
    const rel = (f: string) => path.relative(REPO, path.join(dir, f));
    const first = await buildWith({ ...SKIP_BUNDLING, estates: [rel('shop/drift.yaml'), rel('cart/drift.yaml')] });
    // After the first deploy, CI published each estate's code scan beside it.
    const bucket = [...Object.keys(seeded(first)), 'shop/code-scan.json', 'cart/code-scan.json'];

    const second = await buildWith({ ...SKIP_BUNDLING, estates: [rel('shop/drift.yaml')] });
    const [deployment] = Object.values(resourcesOf(second.installation)).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
    const left = afterSync(bucket, deployment!.Properties, Object.keys(seeded(second)));
    // plan-run audits every drift.yaml under estates/: cart's would still be read, with no grant left for its reads.
    expect(left.filter((k) => path.posix.basename(k) === 'drift.yaml')).toEqual(['shop/drift.yaml']);
    expect(left).toContain('shop/code-scan.json');
  });
});
