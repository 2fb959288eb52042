import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import type { SourceSnapshot } from '../../../lambdas/core/model';
import { scratch } from '../../helpers/cli';
import { testContext, testLabel } from '../../helpers/context';

// Real repositories' manifest folders, as their authors keep them (see test/fixtures/realworld/README.md).
const REALWORLD = path.join(__dirname, '../../fixtures/realworld');

async function collect(from: string | string[], workload: string, baseDir = REALWORLD): Promise<SourceSnapshot> {
  const spec: SourceSpec = { type: 'k8s', index: 0, from: typeof from === 'string' ? [from] : from, workload };
  const label = testLabel('k8s', 'k8s (recorded)', 0);
  return new RecordedSourceCollector({ baseDir }).collect(spec, label, testContext(label));
}

// A production overlay as kustomize users write one: the Sock Shop's manifests as the base, and a
// strategic-merge patch that sets only what production changes.
const OVERLAY = {
  'overlays/production/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: orders-patch.yaml\n',
  'overlays/production/orders-patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: sock-shop
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: orders
        env:
        - name: LOG_LEVEL
          value: DEBUG
`,
};

/** The overlay's folder beside an unmodified copy of the Sock Shop manifests as its base. */
function overlayEstate(): string {
  const dir = scratch({ ...OVERLAY, 'base/kustomization.yaml': 'resources:\n  - complete-demo.yaml\n' });
  copyFileSync(path.join(REALWORLD, 'sock-shop/complete-demo.yaml'), path.join(dir, 'base/complete-demo.yaml'));
  return dir;
}

const keys = (s: SourceSnapshot): string[] => s.observations.map((o) => o.key).filter((k) => !k.startsWith('runtime.'));

describe('k8s manifest folders as repositories keep them', () => {
  it('reads past a kustomization.yaml without kind: kustomize instructions are not objects', async () => {
    // kubernetes-sigs/kustomize examples/wordpress/mysql: kustomization.yaml is `resources: [...]` alone.
    const s = await collect('kustomize-wordpress-mysql', 'mysql');
    expect(s.errors).toEqual([]);
    expect(keys(s)).toEqual(['mysql.root.password']);
    expect(s.observations[0]?.value.kind).toBe('secret');
  });

  it('reads only .yaml, .yml and .json files of a folder, as kubectl apply -f does: not its Dockerfile, Makefile or LICENSE', async () => {
    // kubernetes/examples web/guestbook: the frontend's image is built from php-redis/ beside its manifest.
    const s = await collect('kubernetes-examples-guestbook', 'frontend');
    expect(s.errors).toEqual([]);
    expect(keys(s)).toEqual(['get.hosts.from']);
  });

  it('refuses a kustomize patch read beside its base, which would replace the whole Deployment with the few fields it sets', async () => {
    const dir = overlayEstate();
    for (const from of [
      ['base/', 'overlays/production/'],
      ['overlays/production/', 'base/'],
    ]) {
      const s = await collect(from, 'orders', dir);
      expect(s.errors).toHaveLength(1);
      expect(s.errors[0]).toContain('overlays/production/orders-patch.yaml');
      expect(s.errors[0]).toContain('base/complete-demo.yaml');
      expect(s.errors[0]).toContain('kustomize build');
    }
  });

  it('still reads the base alone, and the same whole object twice (the last one wins)', async () => {
    const dir = overlayEstate();
    copyFileSync(path.join(dir, 'base/complete-demo.yaml'), path.join(dir, 'overlays/complete-demo.yaml'));
    for (const from of [['base/'], ['base/', 'overlays/complete-demo.yaml']]) {
      const s = await collect(from, 'orders', dir);
      expect(s.errors).toEqual([]);
      expect(keys(s)).toEqual(['java.opts']);
    }
  });

  it('a Job as git keeps it and as the API returns it (which adds spec.selector) is the same Job, not a patch', async () => {
    const job = (selector: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n${selector}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: example/migrate:1\n          env:\n            - { name: DRY_RUN, value: "false" }\n`;
    const dir = scratch({
      'git/job.yaml': job(''),
      'live/job.yaml': job('  selector:\n    matchLabels: { controller-uid: 3f1c }\n'),
    });
    for (const from of [
      ['git/', 'live/'],
      ['live/', 'git/'],
    ]) {
      const s = await collect(from, 'migrate', dir);
      expect(s.errors).toEqual([]);
      expect(keys(s)).toEqual(['dry.run']);
    }
  });

  it('says a ConfigMap that a kustomization beside the manifests generates is not rendered, instead of calling it dangling', async () => {
    const dir = overlayEstate();
    const dep = readFileSync(path.join(dir, 'base/complete-demo.yaml'), 'utf8');
    // The Sock Shop's orders, reading a generated ConfigMap, as a kustomize overlay keeps it.
    const at = dep.indexOf('        env:', dep.indexOf('  name: orders\n'));
    const orders = `${dep.slice(0, at)}        envFrom:\n         - configMapRef:\n             name: orders-config\n${dep.slice(at)}`;
    writeFileSync(path.join(dir, 'base/complete-demo.yaml'), orders);
    writeFileSync(
      path.join(dir, 'base/kustomization.yaml'),
      'resources:\n  - complete-demo.yaml\nconfigMapGenerator:\n  - name: orders-config\n    literals:\n      - LOG_LEVEL=DEBUG\n',
    );
    const s = await collect('base/', 'orders', dir);
    expect(s.dangling).toEqual([]);
    expect(s.observations.map((o) => o.key)).not.toContain('log.level');
    expect(s.errors).toEqual([
      'base/kustomization.yaml: ConfigMap sock-shop/orders-config is made by its configMapGenerator, which drift does not render: point from: at the output of kustomize build (or kubectl kustomize) for this environment',
    ]);
  });

  it('says a workload not found may be in a manifest that could not be read, not that it is absent', async () => {
    // The orders Deployment in a file broken by an unclosed quote, beside the Sock Shop's first manifest, which reads.
    const good = readFileSync(path.join(REALWORLD, 'sock-shop/complete-demo.yaml'), 'utf8');
    const dir = scratch({
      'manifests/orders.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n      - name: orders\n        env:\n        - name: A\n          value: "unclosed\n',
      'manifests/other.yaml': good.slice(0, good.indexOf('\n---')),
    });
    const s = await collect('manifests', 'orders', dir);
    expect(s.errors).toHaveLength(2);
    expect(s.errors[0]).toMatch(/^manifests\/orders\.yaml:\d+:\d+: invalid YAML/);
    expect(s.errors[1]).toMatch(
      /"orders" not among the manifests read in namespace default \(found: .*\): it may be in a manifest file that could not be read \(above\)$/,
    );
    // Every file read: the workload is plainly not there.
    const absent = await collect('manifests/other.yaml', 'orders', dir);
    expect(absent.errors).toEqual([expect.stringMatching(/"orders" not found in namespace default/)]);
  });

  it('reads every other document of a manifest with one that cannot be read; what that one may hold is unknown, not dangling', async () => {
    const CANARY = 'CANARY-s3cr3t-7f1e';
    const deployment = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: api',
      '        envFrom:\n        - configMapRef:\n            name: app-config',
      '        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db-secret\n              key: password',
    ].join('\n');
    const dir = scratch({
      'manifests/app.yaml': [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: INFO',
        // The Secret, broken by an unclosed flow mapping.
        `apiVersion: v1\nkind: Secret\nmetadata: {name: db-secret\nstringData:\n  password: ${CANARY}`,
        deployment,
      ].join('\n---\n'),
    });
    const s = await collect('manifests', 'api', dir);
    expect(keys(s)).toEqual(['log.level']);
    expect(s.errors).toEqual([expect.stringMatching(/^manifests\/app\.yaml:\d+:\d+: invalid YAML: /)]);
    expect(s.dangling).toEqual([]);
    expect(JSON.stringify(s)).not.toContain(CANARY);
  });

  it('says the same of a listed manifest that does not exist or is refused, never that the workload is absent', async () => {
    const good = readFileSync(path.join(REALWORLD, 'sock-shop/complete-demo.yaml'), 'utf8');
    const dir = scratch({ 'manifests/other.yaml': good.slice(0, good.indexOf('\n---')) });
    for (const from of [
      ['manifests/other.yaml', 'manifests/orders.yaml'],
      ['manifests/other.yaml', '../orders.yaml'],
    ]) {
      const s = await collect(from, 'orders', dir);
      expect(s.errors).toHaveLength(2);
      expect(s.errors[0]).toMatch(/orders\.yaml: (not found|is outside the estate file's folder)/);
      expect(s.errors[1]).toMatch(
        /"orders" not among the manifests read in namespace default \(found: .*\): it may be in a manifest file that could not be read \(above\)$/,
      );
    }
  });
});
