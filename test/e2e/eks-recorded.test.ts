import { drift, scratch } from '../helpers/cli';

// Every source kind has a live form and a recorded one (`from:`, what kubectl prints for the same objects): an `eks`
// source recorded is read as the live one would be, through the manifests parser, in its namespace.
const MANIFESTS = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: api-config, namespace: api }
    data: { DB_TIMEOUT: 10s }
  - apiVersion: v1
    kind: Secret
    metadata: { name: api-secrets, namespace: api }
    stringData: { DB_PASSWORD: eks-recorded-canary-pw }
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: api-server, namespace: api }
    spec:
      replicas: 3
      template:
        spec:
          containers:
            - name: server
              envFrom: [{ configMapRef: { name: api-config } }, { secretRef: { name: api-secrets } }]
            - name: sidecar
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: api-server, namespace: other }
    spec:
      replicas: 9
      template:
        spec:
          containers: [{ name: server }]
`;

const estate = () =>
  scratch({
    'drift.yaml': `version: 1
name: app
environments:
  staging:
    sources:
      - eks: { cluster: staging, namespace: api, workload: api-server, container: server, from: exports/staging.yaml }
baseline:
  keys:
    db.timeout: { type: duration, value: 10s }
    db.password: { required: true }
    runtime.replicas: { value: 2 }
`,
    'exports/staging.yaml': MANIFESTS,
  });

describe('a recorded eks source', () => {
  test('is a valid source, read from the manifests in its namespace, secrets as fingerprints', async () => {
    const dir = estate();
    expect((await drift(['validate'], { cwd: dir })).code).toBe(0);
    const run = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    expect(run.stdout).not.toContain('eks-recorded-canary-pw');
    const findings = JSON.parse(run.stdout).findings as Array<{ kind: string; key: string; actual: string }>;
    expect(findings.map((f) => [f.kind, f.key, f.actual])).toEqual([['mismatch', 'runtime.replicas', '3']]);
    const explain = await drift(['explain', 'staging', 'db.password', '--no-store'], { cwd: dir });
    expect(explain.stdout).toMatch(/→ wins {2}<secret:[0-9a-f]{8}>/);
    expect(explain.stdout).toContain('(eks staging api/api-server (recorded exports/staging.yaml))');
  });

  test('snapshot --record writes it as a k8s manifest that reads back the same', async () => {
    const dir = estate();
    expect((await drift(['snapshot', '--record', 'rec'], { cwd: dir })).code).toBe(0);
    const again = await drift(['audit', '-c', 'rec/drift.yaml', '--no-store', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(again.stdout).findings as Array<{ kind: string; key: string; actual: string }>;
    expect(findings.map((f) => [f.kind, f.key, f.actual])).toEqual([['mismatch', 'runtime.replicas', '3']]);
  });
});
