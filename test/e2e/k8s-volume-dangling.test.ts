import { drift, scratch } from '../helpers/cli';

// A pod that mounts a ConfigMap or Secret that is not there, or a key of one that is not, never
// starts (ContainerCreating, FailedMount): the audit says so per environment, as for envFrom.
const TOKEN = 'ghp_CANARYVOLKEY0123456789ABCDEFGHIJKLMN';

const deployment = (env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: ${env} }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: x
          env: [{ name: LOG_LEVEL, value: info }]
          volumeMounts: [{ name: tls, mountPath: /etc/tls }, { name: clients, mountPath: /etc/clients }]
      volumes:
        - { name: tls, secret: { secretName: api-tls } }
        - { name: clients, configMap: { name: clients, items: [{ key: "${TOKEN}", path: ci }] } }
`;
const tls = (env: string) => `apiVersion: v1\nkind: Secret\nmetadata: { name: api-tls, namespace: ${env} }\nstringData: { tls.crt: x }\n`;
const clients = (env: string, key: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: clients, namespace: ${env} }\ndata: { "${key}": ci-bot }\n`;

const files = {
  'drift.yaml': `version: 1
name: shop
environments:
  stage:
    sources: [{ k8s: { from: stage/, workload: api } }]
  prod:
    sources: [{ k8s: { from: prod/, workload: api } }]
baseline:
  undeclared: ignore
`,
  'stage/app.yaml': [deployment('stage'), tls('stage'), clients('stage', TOKEN)].join('---\n'),
  'prod/app.yaml': [deployment('prod'), clients('prod', 'other')].join('---\n'),
};

interface Finding {
  kind: string;
  environment?: string;
  key?: string;
  message: string;
}

describe('a volume the container mounts, of a ConfigMap or Secret that is not there', () => {
  test('is a dangling-ref in the environment that lacks it, naming the object or key (a credential-like key name hidden)', async () => {
    const run = await drift(['audit', '--no-store', '--format', 'json'], { cwd: scratch(files) });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.kind === 'dangling-ref');
    expect(findings.map((f) => [f.environment, f.message])).toEqual([
      [
        'prod',
        expect.stringMatching(
          /^volume clients ConfigMap prod\/clients in prod refers to ConfigMap prod\/clients key (secret_[0-9a-f]{8}): key \1 not found in ConfigMap prod\/clients \(volume clients items\)$/,
        ),
      ],
      ['prod', 'volume tls Secret prod/api-tls in prod refers to Secret prod/api-tls: Secret prod/api-tls not found (volume tls)'],
    ]);
    expect(run.stdout).not.toMatch(/CANARYVOLKEY/i);
  });
});
