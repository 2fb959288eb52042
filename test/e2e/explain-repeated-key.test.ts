import { drift, scratch } from '../helpers/cli';

// One source setting a key twice (a .env file edited by appending): the platform takes the later line, silently, and
// the earlier one, what someone meant once, is no layer of its own (no `shadowed`: inside one source the platform decides).
// explain, which lists every source that sets the key, says so.
const estate = () =>
  scratch({
    'drift.yaml': 'version: 1\nname: app\nenvironments:\n  staging:\n    sources:\n      - dotenv: { from: staging.env }\n',
    'staging.env':
      'DB_TIMEOUT=10s\nLOG_LEVEL=INFO\nDB_TIMEOUT=60s\nAPI_TOKEN=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nAPI_TOKEN=ghp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nPORT=80\nPORT=80\n',
  });

describe('explain of a key its source sets twice', () => {
  test('names the earlier value the later one hides and where it is, as a note: no shadowed finding', async () => {
    const run = await drift(['explain', 'staging', 'DB_TIMEOUT', '--no-store'], { cwd: estate() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('→ wins  60s');
    expect(run.stdout).toContain('set earlier in the same source, hidden by the later: 10s at staging.env:1');
    expect(run.stdout).not.toContain('shadowed');
  });

  test('in JSON too, a secret as its fingerprint; the same value twice is no note', async () => {
    const dir = estate();
    const token = JSON.parse((await drift(['explain', 'staging', 'API_TOKEN', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    const repeated = token.layers[0].repeated as Array<{ value: string; source: { location: string } }>;
    expect(repeated.map((r) => r.source.location)).toEqual(['staging.env:4']);
    expect(repeated[0]?.value).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(JSON.stringify(token)).not.toContain('ghp_');
    const port = await drift(['explain', 'staging', 'PORT', '--no-store'], { cwd: dir });
    expect(port.stdout).not.toContain('set earlier in the same source');
  });

  test("a container's env list naming a variable twice (the kubelet takes the later), not envFrom overridden by env", async () => {
    const dir = scratch({
      'drift.yaml': 'version: 1\nname: app\nenvironments:\n  staging:\n    sources:\n      - k8s: { from: k8s/, workload: api }\n',
      'k8s/api.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
data: { LOG_LEVEL: INFO }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          envFrom: [{ configMapRef: { name: cfg } }]
          env:
            - { name: DB_TIMEOUT, value: 10s }
            - { name: LOG_LEVEL, value: DEBUG }
            - { name: DB_TIMEOUT, value: 60s }
`,
    });
    const timeout = JSON.parse((await drift(['explain', 'staging', 'DB_TIMEOUT', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(timeout.effective.value).toBe('60s');
    expect(timeout.layers[0].repeated.map((r: { value: string }) => r.value)).toEqual(['10s']);
    expect(timeout.layers[0].repeated[0].source.location).toContain('env DB_TIMEOUT');
    // env over envFrom is the platform's designed order, not a repeat.
    const level = JSON.parse((await drift(['explain', 'staging', 'LOG_LEVEL', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(level.layers[0].repeated).toEqual([]);
  });
});

describe('explain of a key an ECS container or a ConfigMap sets twice', () => {
  test("a task definition's environment list naming a variable twice: the later applies, the earlier is noted", async () => {
    const environment = [
      { name: 'DB_TIMEOUT', value: '10s' },
      { name: 'LOG_LEVEL', value: 'INFO' },
      { name: 'DB_TIMEOUT', value: '60s' },
    ];
    const dir = scratch({
      'drift.yaml': 'version: 1\nname: app\nenvironments:\n  prod:\n    sources:\n      - ecs: { from: taskdef.json }\n',
      'taskdef.json': JSON.stringify({
        taskDefinition: { family: 'api', revision: 3, containerDefinitions: [{ name: 'api', environment }] },
      }),
    });
    const timeout = JSON.parse((await drift(['explain', 'prod', 'DB_TIMEOUT', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(timeout.effective.value).toBe('60s');
    expect(timeout.layers[0].repeated.map((r: { value: string }) => r.value)).toEqual(['10s']);
    expect(timeout.layers[0].repeated[0].source.location).toContain('environment DB_TIMEOUT');
    const level = JSON.parse((await drift(['explain', 'prod', 'LOG_LEVEL', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(level.layers[0].repeated).toEqual([]);
  });

  test('an environment value over an environment file is the platform order, not a repeat', async () => {
    const dir = scratch({
      'drift.yaml': 'version: 1\nname: app\nenvironments:\n  prod:\n    sources:\n      - ecs: { from: [taskdef.json, prod.env] }\n',
      'prod.env': 'DB_TIMEOUT=10s\n',
      'taskdef.json': JSON.stringify({
        taskDefinition: {
          family: 'api',
          revision: 3,
          containerDefinitions: [
            {
              name: 'api',
              environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::cfg/prod.env' }],
              environment: [{ name: 'DB_TIMEOUT', value: '60s' }],
            },
          ],
        },
      }),
    });
    const timeout = JSON.parse((await drift(['explain', 'prod', 'DB_TIMEOUT', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(timeout.effective.value).toBe('60s');
    expect(timeout.layers[0].repeated).toEqual([]);
  });

  test("a ConfigMap's data naming a key twice (the later applies), through envFrom and configMapKeyRef; a Secret's as a fingerprint", async () => {
    const dir = scratch({
      'drift.yaml': 'version: 1\nname: app\nenvironments:\n  staging:\n    sources:\n      - k8s: { from: k8s/, workload: api }\n',
      'k8s/api.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
data:
  LOG_LEVEL: INFO
  POOL_SIZE: "10"
  LOG_LEVEL: DEBUG
  POOL_SIZE: "20"
  CACHE: "on"
  CACHE: "off"
---
apiVersion: v1
kind: Secret
metadata: { name: creds }
data:
  API_TOKEN: ${Buffer.from('first-token-value').toString('base64')}
  API_TOKEN: ${Buffer.from('second-token-value').toString('base64')}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          envFrom: [{ configMapRef: { name: cfg } }, { secretRef: { name: creds } }]
          env:
            - { name: POOL, valueFrom: { configMapKeyRef: { name: cfg, key: POOL_SIZE } } }
            - { name: CACHE, value: "auto" }
`,
    });
    const explain = async (key: string) =>
      JSON.parse((await drift(['explain', 'staging', key, '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    const level = await explain('LOG_LEVEL');
    expect(level.effective.value).toBe('DEBUG');
    expect(level.layers[0].repeated.map((r: { value: string }) => r.value)).toEqual(['INFO']);
    expect(level.layers[0].repeated[0].source.location).toContain('ConfigMap default/cfg LOG_LEVEL');
    const pool = await explain('POOL');
    expect(pool.effective.value).toBe('20');
    expect(pool.layers[0].repeated.map((r: { value: string }) => r.value)).toEqual(['10']);
    // env over envFrom hides the ConfigMap's value by the platform's order: its repeat is no note of the winner.
    const cache = await explain('CACHE');
    expect(cache.effective.value).toBe('auto');
    expect(cache.layers[0].repeated).toEqual([]);
    const token = await explain('API_TOKEN');
    expect(token.layers[0].repeated).toHaveLength(1);
    expect(token.layers[0].repeated[0].value).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(JSON.stringify(token)).not.toContain('first-token');
  });
});

describe("explain of a key two of a container's variables spell", () => {
  test('DB_TIMEOUT and db-timeout in one env list: both are in the container; the later applies and the other is a layer it hides', async () => {
    const dir = scratch({
      'drift.yaml': 'version: 1\nname: app\nenvironments:\n  staging:\n    sources:\n      - k8s: { from: k8s/, workload: api }\n',
      'k8s/api.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - { name: DB_TIMEOUT, value: 10s }
            - { name: db-timeout, value: 60s }
`,
    });
    const timeout = JSON.parse((await drift(['explain', 'staging', 'DB_TIMEOUT', '--no-store', '--format', 'json'], { cwd: dir })).stdout);
    expect(timeout.effective.value).toBe('60s');
    // Two variables, not one set twice: the application may read either, so the other is a layer (and shadowed), not a note.
    const layers = timeout.layers as Array<{ value: string; wins: boolean; source: { location: string }; repeated: unknown[] }>;
    expect(layers.map((l) => [l.value, l.wins, l.repeated])).toEqual([
      ['10s', false, []],
      ['60s', true, []],
    ]);
    expect(layers[0]!.source.location).toContain('env DB_TIMEOUT');
    expect(timeout.findings.map((f: { kind: string }) => f.kind)).toContain('shadowed');
  });
});
