import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

interface F {
  kind: string;
  environment?: string;
  key?: string;
  expected?: string;
  actual?: string;
  message: string;
  source?: { location: string };
}

const TASKDEF_ARN = 'arn:aws:ecs:us-east-1:222222222222:task-definition/checkout-api';

const ssm = JSON.stringify({
  Parameters: [
    {
      Name: '/production-us/checkout/api/timeout',
      Type: 'String',
      Value: '30',
      Version: 3,
      LastModifiedDate: '2026-11-24T03:41:07Z',
      ARN: 'arn:aws:ssm:us-east-1:222222222222:parameter/production-us/checkout/api/timeout',
    },
  ],
});

const taskDef = (revision: number): string =>
  JSON.stringify({
    taskDefinition: {
      taskDefinitionArn: `${TASKDEF_ARN}:${revision}`,
      family: 'checkout-api',
      revision,
      containerDefinitions: [
        {
          name: 'api',
          environment: [{ name: 'PORT', value: '8080' }],
          secrets: [{ name: 'API_TIMEOUT', valueFrom: '/production-us/checkout/api/timeout' }],
        },
      ],
    },
  });

const service = (revision: number, rolloutSince?: string): string =>
  JSON.stringify({
    services: [
      {
        serviceName: 'checkout-api',
        clusterArn: 'arn:aws:ecs:us-east-1:222222222222:cluster/checkout-us',
        status: 'ACTIVE',
        desiredCount: 2,
        taskDefinition: `${TASKDEF_ARN}:${revision}`,
        deployments: [
          {
            id: 'ecs-svc/2',
            status: 'PRIMARY',
            taskDefinition: `${TASKDEF_ARN}:${revision}`,
            rolloutState: rolloutSince ? 'IN_PROGRESS' : 'COMPLETED',
            createdAt: rolloutSince ?? '2026-11-24T03:50:00Z',
          },
        ],
      },
    ],
    failures: [],
  });

/** `aws ecs describe-tasks` output: one task per start time, on the given revisions. */
const tasks = (list: Array<{ id: string; startedAt: string; revision: number }>): string =>
  JSON.stringify({
    tasks: list.map((t) => ({
      taskArn: `arn:aws:ecs:us-east-1:222222222222:task/checkout-us/${t.id}`,
      clusterArn: 'arn:aws:ecs:us-east-1:222222222222:cluster/checkout-us',
      taskDefinitionArn: `${TASKDEF_ARN}:${t.revision}`,
      group: 'service:checkout-api',
      lastStatus: 'RUNNING',
      startedAt: t.startedAt,
      containers: [{ name: 'api', lastStatus: 'RUNNING' }],
    })),
    failures: [],
  });

const ecsEstate = `version: 1
name: shop
environments:
  production-us:
    region: us-east-1
    sources:
      - ssm: { path: /production-us/checkout/, from: ssm.json }
      - ecs: { from: [taskdef.json, service.json, tasks.json], container: api }
baseline:
  undeclared: ignore
  keys: {}
`;

async function staleFindings(dir: string, now = new Date('2026-11-24T06:00:00Z')): Promise<F[]> {
  const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir, now });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { findings: F[] }).findings.filter((f) => f.kind === 'stale-runtime');
}

describe('stale-runtime: ECS tasks (recorded describe-tasks)', () => {
  test('tasks started before their secret parameter changed: one finding naming the parameter, the count and the fix', async () => {
    const dir = scratch({
      'drift.yaml': ecsEstate,
      'ssm.json': ssm,
      'taskdef.json': taskDef(42),
      'service.json': service(42),
      'tasks.json': tasks([
        { id: 'a1', startedAt: '2026-11-23T10:00:00Z', revision: 42 },
        { id: 'b2', startedAt: '2026-11-23T11:00:00Z', revision: 42 },
        { id: 'c3', startedAt: '2026-11-24T04:00:00Z', revision: 42 },
      ]),
    });
    const found = await staleFindings(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      environment: 'production-us',
      key: 'api.timeout',
      actual: 'a1, b2',
      source: { location: '/production-us/checkout/api/timeout' },
      message:
        '2 of 3 tasks of service checkout-api started before /production-us/checkout/api/timeout changed at 2026-11-24 03:41 UTC and still run the old value: force a new deployment',
    });
  });

  test('look-alike: every task started after the change gives none', async () => {
    const dir = scratch({
      'drift.yaml': ecsEstate,
      'ssm.json': ssm,
      'taskdef.json': taskDef(42),
      'service.json': service(42),
      'tasks.json': tasks([
        { id: 'a1', startedAt: '2026-11-24T03:45:00Z', revision: 42 },
        { id: 'b2', startedAt: '2026-11-24T03:46:00Z', revision: 42 },
      ]),
    });
    expect(await staleFindings(dir)).toEqual([]);
  });

  test('a stuck deployment: tasks still on an older revision than the service runs', async () => {
    const dir = scratch({
      'drift.yaml': ecsEstate,
      'ssm.json': ssm,
      'taskdef.json': taskDef(43),
      'service.json': service(43),
      'tasks.json': tasks([
        { id: 'a1', startedAt: '2026-11-24T04:00:00Z', revision: 42 },
        { id: 'b2', startedAt: '2026-11-24T05:00:00Z', revision: 43 },
      ]),
    });
    const found = await staleFindings(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      environment: 'production-us',
      expected: '43',
      actual: 'a1',
      message:
        '1 of 2 tasks of service checkout-api still run revision 42 while the service runs 43 (a stuck deployment): force a new deployment',
    });
    expect(found[0]?.key).toBeUndefined();
  });

  test('a rollout in progress for minutes is not stuck; the same rollout two hours on is', async () => {
    const files = (since: string) => ({
      'drift.yaml': ecsEstate,
      'ssm.json': ssm,
      'taskdef.json': taskDef(43),
      'service.json': service(43, since),
      'tasks.json': tasks([
        { id: 'a1', startedAt: '2026-11-24T04:00:00Z', revision: 42 },
        { id: 'b2', startedAt: '2026-11-24T05:55:00Z', revision: 43 },
      ]),
    });
    expect(await staleFindings(scratch(files('2026-11-24T05:50:00Z')))).toEqual([]);
    const stuck = await staleFindings(scratch(files('2026-11-24T04:00:00Z')));
    expect(stuck.map((f) => f.actual)).toEqual(['a1']);
  });

  test('tasks of another service, or stopped, are not the service’s', async () => {
    const other = JSON.parse(
      tasks([
        { id: 'x9', startedAt: '2026-11-20T00:00:00Z', revision: 40 },
        { id: 'y8', startedAt: '2026-11-20T00:00:00Z', revision: 40 },
      ]),
    ) as { tasks: Array<Record<string, unknown>> };
    (other.tasks[0] as Record<string, unknown>).group = 'service:payments';
    (other.tasks[1] as Record<string, unknown>).lastStatus = 'STOPPED';
    const dir = scratch({
      'drift.yaml': ecsEstate,
      'ssm.json': ssm,
      'taskdef.json': taskDef(42),
      'service.json': service(42),
      'tasks.json': JSON.stringify(other),
    });
    expect(await staleFindings(dir)).toEqual([]);
  });
});

const deployment = (envFrom: boolean): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout-api, namespace: checkout }
spec:
  selector: { matchLabels: { app: checkout-api } }
  template:
    metadata: { labels: { app: checkout-api } }
    spec:
      containers:
        - name: api
${
  envFrom
    ? '          envFrom: [{ configMapRef: { name: api-config } }]'
    : `          env: [{ name: PORT, value: "8080" }]
          volumeMounts: [{ name: config, mountPath: /etc/api }]
      volumes: [{ name: config, configMap: { name: api-config } }]`
}
`;

const configMap = (level: string): string => `apiVersion: v1
kind: ConfigMap
metadata: { name: api-config, namespace: checkout }
data: { LOG_LEVEL: ${level} }
`;

/** \`kubectl get pods -o yaml\`: a List of pods, one of another app. */
const pods = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: { name: checkout-api-7d9f-aaaaa, namespace: checkout, labels: { app: checkout-api } }
    status:
      phase: Running
      startTime: "2026-11-20T09:00:00Z"
      containerStatuses: [{ name: api, state: { running: { startedAt: "2026-11-20T09:00:05Z" } } }]
  - apiVersion: v1
    kind: Pod
    metadata: { name: checkout-api-7d9f-bbbbb, namespace: checkout, labels: { app: checkout-api } }
    status:
      phase: Running
      startTime: "2026-11-20T09:00:00Z"
      containerStatuses: [{ name: api, state: { running: { startedAt: "2026-11-20T09:00:09Z" } } }]
  - apiVersion: v1
    kind: Pod
    metadata: { name: payments-5c4b-ccccc, namespace: checkout, labels: { app: payments } }
    status: { phase: Running, startTime: "2026-11-20T09:00:00Z" }
`;

const k8sEstate = `version: 1
name: shop
environments:
  production-us:
    region: us-east-1
    sources:
      - k8s: { from: k8s/, workload: checkout-api, container: api }
baseline:
  undeclared: ignore
  keys: {}
`;

const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');
const T3 = new Date('2026-11-26T02:00:00Z');

async function storedRun(dir: string, now: Date): Promise<F[]> {
  const r = await drift(['audit', '--format', 'json'], { cwd: dir, now });
  return (JSON.parse(r.stdout) as { findings: F[] }).findings.filter((f) => f.kind === 'stale-runtime');
}

describe('stale-runtime: Kubernetes pods (recorded kubectl get pods), two stored runs', () => {
  test('pods started before the ConfigMap content they read through envFrom changed: the store’s history dates the change', async () => {
    const dir = scratch({
      'drift.yaml': k8sEstate,
      'k8s/deployment.yaml': deployment(true),
      'k8s/configmap.yaml': configMap('INFO'),
      'k8s/pods.yaml': pods,
    });
    expect(await storedRun(dir, T1)).toEqual([]);
    writeFileSync(path.join(dir, 'k8s', 'configmap.yaml'), configMap('DEBUG'));
    const expected = {
      environment: 'production-us',
      key: 'log.level',
      actual: 'checkout-api-7d9f-aaaaa, checkout-api-7d9f-bbbbb',
      message:
        '2 of 2 pods of Deployment checkout/checkout-api started before LOG_LEVEL changed at 2026-11-25 02:00 UTC and still run the old value: restart them (kubectl rollout restart deployment/checkout-api -n checkout)',
    };
    // The run that first sees the new content reports it, and the next one still does (from the history).
    const second = await storedRun(dir, T2);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject(expected);
    const third = await storedRun(dir, T3);
    expect(third).toHaveLength(1);
    expect(third[0]).toMatchObject(expected);
  });

  test('look-alike: the same change to a ConfigMap mounted as a volume gives none (the kubelet updates it in place)', async () => {
    const dir = scratch({
      'drift.yaml': k8sEstate,
      'k8s/deployment.yaml': deployment(false),
      'k8s/configmap.yaml': configMap('INFO'),
      'k8s/pods.yaml': pods,
    });
    expect(await storedRun(dir, T1)).toEqual([]);
    writeFileSync(path.join(dir, 'k8s', 'configmap.yaml'), configMap('DEBUG'));
    expect(await storedRun(dir, T2)).toEqual([]);
    expect(await storedRun(dir, T3)).toEqual([]);
  });
});

/** A Deployment whose container copies `app.properties` of api-files with a subPath mount, or mounts the whole volume. */
const filesDeployment = (subPath: boolean): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout-api, namespace: checkout }
spec:
  selector: { matchLabels: { app: checkout-api } }
  template:
    metadata: { labels: { app: checkout-api } }
    spec:
      containers:
        - name: api
          env: [{ name: PORT, value: "8080" }]
          volumeMounts:
            - name: files
              mountPath: ${subPath ? '/etc/api/app.properties\n              subPath: app.properties' : '/etc/api'}
      volumes: [{ name: files, configMap: { name: api-files } }]
`;

/** As the API server returns it: managedFields says who last wrote it, and when. */
const filesConfigMap = (timeout: string, writtenAt: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-files
  namespace: checkout
  managedFields:
    - { manager: kubectl-edit, operation: Update, time: "${writtenAt}", apiVersion: v1 }
data:
  app.properties: |
    timeout=${timeout}
`;

describe('stale-runtime: a ConfigMap key copied by a subPath mount (the kubelet never updates it in place), two stored runs', () => {
  test('pods started before the object was written: one finding naming the mount, dated by the object', async () => {
    const dir = scratch({
      'drift.yaml': k8sEstate,
      'k8s/deployment.yaml': filesDeployment(true),
      'k8s/configmap.yaml': filesConfigMap('30', '2026-11-19T12:00:00Z'),
      'k8s/pods.yaml': pods,
    });
    expect(await storedRun(dir, T1)).toEqual([]);
    writeFileSync(path.join(dir, 'k8s', 'configmap.yaml'), filesConfigMap('5', '2026-11-24T03:41:00Z'));
    const found = await storedRun(dir, T2);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      environment: 'production-us',
      actual: 'checkout-api-7d9f-aaaaa, checkout-api-7d9f-bbbbb',
      source: {
        location: 'ConfigMap checkout/api-files key app.properties (subPath mount /etc/api/app.properties)',
        modifiedAt: '2026-11-24T03:41:00Z',
        modifiedBy: 'kubectl-edit',
      },
      message:
        '2 of 2 pods of Deployment checkout/checkout-api started before ConfigMap checkout/api-files was last written at 2026-11-24 03:41 UTC ' +
        'and copied key app.properties through a subPath mount at /etc/api/app.properties, which is never updated in place: ' +
        'restart them (kubectl rollout restart deployment/checkout-api -n checkout)',
    });
    expect(found[0]?.key).toBeUndefined();
  });

  test('look-alike: the same object mounted as a whole volume (no subPath) gives none', async () => {
    const dir = scratch({
      'drift.yaml': k8sEstate,
      'k8s/deployment.yaml': filesDeployment(false),
      'k8s/configmap.yaml': filesConfigMap('30', '2026-11-19T12:00:00Z'),
      'k8s/pods.yaml': pods,
    });
    expect(await storedRun(dir, T1)).toEqual([]);
    writeFileSync(path.join(dir, 'k8s', 'configmap.yaml'), filesConfigMap('5', '2026-11-24T03:41:00Z'));
    expect(await storedRun(dir, T2)).toEqual([]);
  });
});
