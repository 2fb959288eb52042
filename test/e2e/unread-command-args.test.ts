import { drift, scratch } from '../helpers/cli';

const unread = async (files: Record<string, string>): Promise<string[]> => {
  const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: scratch(files) });
  const doc = JSON.parse(run.stdout) as { findings: Array<{ kind: string; key: string }> };
  return doc.findings
    .filter((f) => f.kind === 'unread')
    .map((f) => f.key)
    .sort();
};

const estate = (source: string) => `version: 1
name: web
environments:
  prod:
    sources:
      - ${source}
baseline:
  undeclared: ignore
code: { path: src }
`;

const CODE = { 'src/app.py': 'print("hi")\n' };

describe('a variable the container command uses is read, not unread', () => {
  test("Kubernetes: $(VAR) in args (the kubelet's expansion) and $VAR / ${VAR:-d} in an sh -c script", async () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1
          command: ["/bin/sh", "-ec"]
          args: ["exec gunicorn --workers $(WORKERS) --log-level $LOG_LEVEL --timeout \${TIMEOUT:-30} app:wsgi"]
          env:
            - { name: WORKERS, value: "4" }
            - { name: LOG_LEVEL, value: info }
            - { name: TIMEOUT, value: "60" }
            - { name: DEAD_KEY, value: x }
`;
    expect(await unread({ 'drift.yaml': estate('k8s: { from: k8s/, workload: web }'), 'k8s/app.yaml': manifest, ...CODE })).toEqual([
      'dead.key',
    ]);
  });

  test('Kubernetes: $$(VAR) is an escape, and $VAR outside a shell is text the kubelet leaves alone', async () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: web
          image: shop/web:1
          args: ["--name=$$(ESCAPED)", "--level=$PLAIN"]
          env:
            - { name: ESCAPED, value: a }
            - { name: PLAIN, value: b }
`;
    expect(await unread({ 'drift.yaml': estate('k8s: { from: k8s/, workload: web }'), 'k8s/app.yaml': manifest, ...CODE })).toEqual([
      'escaped',
      'plain',
    ]);
  });

  test('ECS: a task definition whose command runs sh -c reads the variables the script names', async () => {
    const taskdef = JSON.stringify({
      taskDefinition: {
        family: 'web',
        revision: 3,
        containerDefinitions: [
          {
            name: 'web',
            image: 'shop/web:1',
            entryPoint: ['sh', '-c'],
            command: ['exec node server.js --port "$PORT_NUMBER" --mode ${MODE}'],
            environment: [
              { name: 'PORT_NUMBER', value: '8080' },
              { name: 'MODE', value: 'fast' },
              { name: 'DEAD_KEY', value: 'x' },
            ],
          },
        ],
      },
    });
    expect(await unread({ 'drift.yaml': estate('ecs: { from: taskdef.json }'), 'taskdef.json': taskdef, ...CODE })).toEqual(['dead.key']);
  });
});
