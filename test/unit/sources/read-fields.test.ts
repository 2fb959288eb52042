import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseEcs } from '../../../lambdas/core/sources/ecs';
import { ecsDocumentAsRead } from '../../../lambdas/core/sources/ecs-read-fields';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { k8sObjectAsRead } from '../../../lambdas/core/sources/k8s-read-fields';
import { records, str } from '../../../lambdas/core/sources/shape';
import { testContext, testLabel } from '../../helpers/context';

// The projections keep only what the parsers read (for the task-definition cache and recordings):
// read in place of the original, each must give exactly what the original gives.
const REPO = path.join(__dirname, '../../..');
const ctx = testContext(testLabel('ecs'));

type Doc = { file: string; json: unknown };
const ecsBoth = (documents: Doc[], container?: string) => [
  parseEcs({ documents, envFiles: [] }, { container }, ctx),
  parseEcs({ documents: documents.map((d) => ({ file: d.file, json: ecsDocumentAsRead(d.json) })), envFiles: [] }, { container }, ctx),
];
/** Documents without a kind are errors of the original, and never recorded: only objects are compared. */
const k8sBoth = (documents: Doc[], workload: string, container?: string) => {
  const objects = documents.filter((d) => typeof (d.json as { kind?: unknown } | null)?.kind === 'string' && !Array.isArray(d.json));
  const read = objects.flatMap((o) => {
    const kept = k8sObjectAsRead(o.json);
    return kept ? [{ file: o.file, object: kept }] : [];
  });
  return [
    parseK8s(
      objects.map((o) => ({ file: o.file, object: o.json })),
      { workload, container },
      ctx,
    ),
    parseK8s(read, { workload, container }, ctx),
  ];
};
const json = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));
const manifests = (file: string): Doc[] =>
  parseManifestText(fs.readFileSync(path.join(REPO, file), 'utf8'), file).map((o) => ({ file, json: o }));

describe('ecsDocumentAsRead', () => {
  const realworld = 'test/fixtures/realworld/aws-containers-task-definitions';
  it.each(fs.readdirSync(path.join(REPO, realworld)).filter((f) => f.endsWith('.json')))(
    '%s parses the same, for every container',
    (file) => {
      const doc = json(`${realworld}/${file}`);
      for (const c of [undefined, ...records((doc as { containerDefinitions: unknown }).containerDefinitions).map((c) => str(c.name))]) {
        const [full, read] = ecsBoth([{ file, json: doc }], c);
        expect(read).toEqual(full);
      }
    },
  );

  it('the example estate parses the same: task definition, service, scalable targets', () => {
    const dir = 'examples/exports/production-eu';
    const docs = ['taskdef.json', 'service.json', 'scalable-targets.json'].map((f) => ({ file: f, json: json(`${dir}/${f}`) }));
    const [full, read] = ecsBoth(docs);
    expect(full?.observations.length).toBeGreaterThan(3);
    expect(read).toEqual(full);
  });

  it('running tasks (describe-tasks) and a rollout in progress parse the same; task overrides are not kept', () => {
    const dir = 'examples/exports/production-eu';
    const service = json(`${dir}/service.json`) as { services: Array<Record<string, unknown>> };
    const svc = service.services[0] as Record<string, unknown>;
    svc.deployments = [
      { id: 'ecs-svc/9', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', createdAt: '2026-11-24T03:00:00Z', desiredCount: 3 },
    ];
    const task = (id: string, revision: number) => ({
      taskArn: `arn:aws:ecs:eu-west-1:222222222222:task/checkout-eu/${id}`,
      clusterArn: 'arn:aws:ecs:eu-west-1:222222222222:cluster/checkout-eu',
      taskDefinitionArn: `arn:aws:ecs:eu-west-1:222222222222:task-definition/checkout-api:${revision}`,
      group: 'service:checkout-api',
      lastStatus: 'RUNNING',
      startedAt: '2026-11-23T10:00:00Z',
      overrides: { containerOverrides: [{ name: 'api', environment: [{ name: 'X', value: 'override-canary' }] }] },
    });
    const tasks = { tasks: [task('t1', 143), task('t2', 142)], failures: [] };
    const docs = [
      { file: 'taskdef.json', json: json(`${dir}/taskdef.json`) },
      { file: 'service.json', json: service },
      { file: 'tasks.json', json: tasks },
    ];
    const [full, read] = ecsBoth(docs);
    expect(full?.runtime?.units).toHaveLength(2);
    expect(full?.runtime?.rolloutSince).toBe('2026-11-24T03:00:00.000Z');
    expect(read).toEqual(full);
    expect(JSON.stringify(ecsDocumentAsRead(tasks))).not.toContain('override-canary');
  });

  it('random and broken documents parse the same, with the same errors', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const entry = fc.oneof(
      fc.record({ name: fc.constantFrom('A', 'B', 'DB_PASSWORD'), value: scalar, extra: scalar }, { requiredKeys: [] }),
      scalar,
    );
    const list = fc.oneof(fc.array(entry, { maxLength: 3 }), scalar);
    const container = fc.record(
      {
        name: fc.constantFrom('api', 'side'),
        cpu: scalar,
        memory: scalar,
        memoryReservation: scalar,
        environment: list,
        secrets: list,
        command: fc.array(fc.string()),
        logConfiguration: fc.dictionary(fc.string(), fc.string()),
      },
      { requiredKeys: [] },
    );
    const td = fc.record(
      {
        family: fc.constant('f'),
        revision: fc.integer({ min: 1, max: 3 }),
        cpu: scalar,
        memory: scalar,
        containerDefinitions: fc.oneof(fc.array(container, { maxLength: 3 }), scalar),
      },
      { requiredKeys: [] },
    );
    const service = fc.record(
      {
        serviceName: fc.constant('s'),
        status: fc.constantFrom('ACTIVE', 'INACTIVE'),
        desiredCount: scalar,
        taskDefinition: fc.constantFrom('f:1', 'f:2'),
        events: fc.array(fc.string()),
      },
      { requiredKeys: [] },
    );
    const doc = fc.oneof(
      fc.record({ taskDefinition: fc.oneof(td, scalar), tags: fc.array(fc.string()) }),
      td,
      fc.record({
        services: fc.array(fc.oneof(service, scalar), { maxLength: 2 }),
        failures: fc.array(fc.record({ arn: fc.string(), reason: fc.constant('MISSING') })),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 3 }), fc.option(fc.constantFrom('api', 'side'), { nil: undefined }), (docs, c) => {
        const [full, read] = ecsBoth(
          docs.map((json, i) => ({ file: `d${i}.json`, json })),
          c,
        );
        expect(read).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });
});

describe('k8sObjectAsRead', () => {
  it.each([
    ['test/fixtures/realworld/microservices-demo/kubernetes-manifests.yaml'],
    ['examples/manifests/production-us/deployment.yaml'],
    ['examples/manifests/staging/checkout-api.yaml'],
  ])('%s parses the same, for every workload and container', (file) => {
    const folder = path.dirname(file);
    const objects = fs
      .readdirSync(path.join(REPO, folder))
      .filter((f) => /\.ya?ml$/.test(f))
      .flatMap((f) => manifests(`${folder}/${f}`));
    const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes((o.json as { kind: string }).kind));
    expect(workloads.length).toBeGreaterThan(0);
    for (const w of workloads) {
      const body = w.json as { metadata: { name: string }; spec: { template: { spec: { containers: Array<{ name: string }> } } } };
      for (const c of [undefined, ...body.spec.template.spec.containers.map((x) => x.name)]) {
        const [full, read] = k8sBoth(objects, body.metadata.name, c);
        expect(read).toEqual(full);
      }
    }
  });

  it('running pods (kubectl get pods -o yaml) parse the same: labels and start times kept, the pod spec not', () => {
    const objects = manifests('examples/manifests/production-us/deployment.yaml').concat(
      manifests('examples/manifests/production-us/configmap.yaml'),
    );
    const pod = (name: string, app: string) => ({
      file: 'pods.yaml',
      json: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'checkout', labels: { 'app.kubernetes.io/name': app } },
        spec: { containers: [{ name: 'api', env: [{ name: 'X', value: 'pod-spec-canary' }] }] },
        status: {
          phase: 'Running',
          startTime: '2026-11-20T00:00:00Z',
          containerStatuses: [{ name: 'api', image: 'x', state: { running: { startedAt: '2026-11-20T00:00:05Z' } } }],
        },
      },
    });
    const all = [...objects, pod('checkout-api-1', 'checkout-api'), pod('other-1', 'other')];
    const [full, read] = k8sBoth(all, 'checkout-api', 'api');
    expect(full?.runtime?.units.map((u) => [u.id, u.startedAt])).toEqual([['checkout-api-1', '2026-11-20T00:00:05Z']]);
    expect(read).toEqual(full);
    expect(JSON.stringify(k8sObjectAsRead(pod('p', 'checkout-api').json))).not.toContain('pod-spec-canary');
  });

  it('random and broken objects parse the same, with the same errors', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));
    const env = fc.oneof(
      fc.record(
        {
          name: fc.constantFrom('A', 'B', 'C'),
          value: scalar,
          valueFrom: fc.oneof(
            scalar,
            fc.record({ configMapKeyRef: fc.record({ name: fc.constant('cm'), key: fc.constantFrom('k', 'x') }) }),
          ),
        },
        { requiredKeys: [] },
      ),
      scalar,
    );
    const container = fc.record(
      {
        name: fc.constantFrom('api', 'side'),
        env: fc.oneof(fc.array(env, { maxLength: 3 }), scalar),
        command: fc.array(fc.string()),
        args: fc.array(fc.string()),
        envFrom: fc.oneof(
          fc.array(
            fc.oneof(
              fc.record(
                { configMapRef: fc.record({ name: fc.constant('cm') }), prefix: fc.string({ maxLength: 2 }) },
                { requiredKeys: ['configMapRef'] },
              ),
              scalar,
            ),
            { maxLength: 2 },
          ),
          scalar,
        ),
        resources: fc.record(
          {
            requests: fc.record({ cpu: scalar, memory: scalar }, { requiredKeys: [] }),
            limits: fc.record({ cpu: scalar }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    const meta = (name: string) =>
      fc.record(
        {
          name: fc.constant(name),
          labels: fc.dictionary(fc.string(), fc.string()),
          annotations: fc.dictionary(fc.constantFrom('deployment.kubernetes.io/revision', 'x'), fc.string()),
        },
        { requiredKeys: ['name'] },
      );
    const deployment = fc.record({
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Pod'),
      metadata: meta('app'),
      spec: fc.record(
        {
          replicas: scalar,
          template: fc.record({
            spec: fc.record(
              {
                containers: fc.oneof(fc.array(container, { maxLength: 3 }), scalar),
                initContainers: fc.array(container, { maxLength: 1 }),
              },
              { requiredKeys: [] },
            ),
          }),
        },
        { requiredKeys: [] },
      ),
    });
    const configMap = fc.record(
      {
        kind: fc.constant('ConfigMap'),
        metadata: meta('cm'),
        data: fc.oneof(fc.dictionary(fc.constantFrom('k', 'y'), scalar), scalar),
        binaryData: fc.dictionary(fc.constantFrom('x'), fc.string()),
      },
      { requiredKeys: ['kind', 'metadata'] },
    );
    const hpa = fc.record({
      kind: fc.constant('HorizontalPodAutoscaler'),
      metadata: meta('h'),
      spec: fc.record(
        {
          scaleTargetRef: fc.record({ kind: fc.constant('Deployment'), name: fc.constant('app') }),
          minReplicas: scalar,
          maxReplicas: scalar,
          metrics: fc.array(fc.string()),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(deployment, configMap, hpa, fc.anything()), { maxLength: 4 }),
        fc.option(fc.constantFrom('api', 'side'), { nil: undefined }),
        (objects, c) => {
          const [full, read] = k8sBoth(
            objects.map((json, i) => ({ file: `m${i}.yaml`, json })),
            'app',
            c,
          );
          expect(read).toEqual(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});
