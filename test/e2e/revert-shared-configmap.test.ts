import { drift, scratch } from '../helpers/cli';

const deployment = (name: string, container: string, env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: ${container}
          image: shop/${name}:1
${env}
---
`;

const manifests =
  `apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config, namespace: shop }
data: { LOG_LEVEL: DEBUG, PAGE_SIZE: "50" }
---
` +
  deployment('api', 'api', '          envFrom: [{ configMapRef: { name: shop-config } }]') +
  // Reads the same key by reference, in an init container.
  `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly-report, namespace: shop }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: prepare
              image: shop/report:1
              env: [{ name: LOG_LEVEL, valueFrom: { configMapKeyRef: { name: shop-config, key: LOG_LEVEL } } }]
          containers: [{ name: report, image: shop/report:1 }]
---
` +
  // Reads another key of the ConfigMap only: the patch does not concern it.
  deployment(
    'pager',
    'pager',
    '          env: [{ name: PAGE_SIZE, valueFrom: { configMapKeyRef: { name: shop-config, key: PAGE_SIZE } } }]',
  ) +
  // A ConfigMap of the same name in another namespace is another object.
  deployment('other', 'other', '          envFrom: [{ configMapRef: { name: other-config } }]');

const estate = (sources: string) => `version: 1
name: shop
environments:
  prod:
    sources:
${sources}
baseline:
  keys:
    log.level: { value: INFO }
`;

const commandsOf = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('drift revert of a key a ConfigMap shared by several workloads holds', () => {
  test('restarts, in its own namespace, every workload the manifests show reading the key, and says why', async () => {
    const dir = scratch({
      'drift.yaml': estate('      - k8s: { from: manifests/, workload: api }'),
      'manifests/all.yaml': manifests,
      'manifests/worker.yaml': deployment('worker', 'work', '          envFrom: [{ configMapRef: { name: shop-config } }]'),
    });
    const run = await drift(['revert', 'prod', 'LOG_LEVEL'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(commandsOf(run.stdout)).toEqual([
      `kubectl patch configmap/shop-config -n shop --type merge -p '{"data":{"LOG_LEVEL":"INFO"}}'`,
      'kubectl rollout restart deployment/api -n shop',
      'kubectl rollout restart deployment/worker -n shop',
    ]);
    expect(run.stdout).toContain('# shop/cronjob/nightly-report runs to completion: its next run reads the new value');
    expect(run.stdout).toContain(
      '# ConfigMap shop/shop-config LOG_LEVEL is read by 2 other workloads too (shop/cronjob/nightly-report, shop/deployment/worker)',
    );
  });

  test('counts the workloads of the environment’s other sources, and only once', async () => {
    const dir = scratch({
      'drift.yaml': estate(
        ['      - k8s: { from: manifests/, workload: api }', '      - k8s: { from: manifests/, workload: worker }'].join('\n'),
      ),
      'manifests/all.yaml': deployment('worker', 'work', '          envFrom: [{ configMapRef: { name: shop-config } }]') + manifests,
    });
    const run = await drift(['revert', 'prod', 'LOG_LEVEL'], { cwd: dir });
    expect(commandsOf(run.stdout)).toEqual([
      `kubectl patch configmap/shop-config -n shop --type merge -p '{"data":{"LOG_LEVEL":"INFO"}}'`,
      'kubectl rollout restart deployment/worker -n shop',
      'kubectl rollout restart deployment/api -n shop',
    ]);
  });
});
