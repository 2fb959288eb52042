import fc from 'fast-check';
import { referencedDataObjects } from '../../../lambdas/adapters/live/eks/workload-refs';
import { parseK8s } from '../../../lambdas/core/sources/k8s';
import { otherConsumers } from '../../../lambdas/core/sources/k8s-consumers';
import { indexObjects } from '../../../lambdas/core/sources/k8s-objects';
import { containerReferences, templateReferences } from '../../../lambdas/core/sources/k8s-references';
import { findWorkload } from '../../../lambdas/core/sources/k8s-workload';
import { ctx } from '../../helpers/k8s-manifests';

const NAMES = ['app-config', 'app-secrets', 'shared'];
const name = fc.constantFrom(...NAMES, '', undefined);
const optional = fc.constantFrom(true, false, undefined, 'true');
const ref = (extra: Record<string, unknown> = {}) => fc.record({ name, optional }, { requiredKeys: [] }).map((r) => ({ ...r, ...extra }));

// envFrom entries, well formed or not: the reader reports the malformed ones, the references leave them out.
const envFrom = fc.oneof(
  fc.record({ configMapRef: ref(), prefix: fc.constantFrom('P_', '') }, { requiredKeys: ['configMapRef'] }),
  fc.record({ secretRef: ref() }),
  fc.record({ configMapRef: ref(), secretRef: ref() }),
  fc.record({ configMapRef: fc.constantFrom(null, 'x'), secretRef: ref() }),
  fc.constant({ prefix: 'X_' }),
);
const keyRef = fc.record({ name, key: fc.constantFrom('k1', 'k2', '', undefined), optional }, { requiredKeys: [] });
const env = fc.record(
  {
    name: fc.constantFrom('DB_HOST', 'API_TOKEN', 'LOG_LEVEL', ''),
    value: fc.constantFrom('literal', '', 7, undefined),
    valueFrom: fc.oneof(
      fc.record({ configMapKeyRef: keyRef }),
      fc.record({ secretKeyRef: keyRef }),
      fc.record({ configMapKeyRef: keyRef, secretKeyRef: keyRef }),
      fc.constant({ fieldRef: { fieldPath: 'metadata.name' } }),
      fc.constant(null),
      fc.constant(undefined),
    ),
  },
  { requiredKeys: ['name'] },
);
const container = fc.record({
  name: fc.constant('server'),
  envFrom: fc.array(envFrom, { maxLength: 4 }),
  env: fc.array(env, { maxLength: 5 }),
});
const init = fc.record({
  name: fc.constant('migrate'),
  envFrom: fc.array(envFrom, { maxLength: 2 }),
  env: fc.array(env, { maxLength: 2 }),
});

const workload = (name: string, c: unknown, initContainers: unknown[] = []) => ({
  file: 'm.yaml',
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'api' },
    spec: { template: { spec: { initContainers, containers: [c] } } },
  },
});
const describe_ = (kind: string, n: string) => `${kind} api/${n}`;

describe('templateReferences: what a pod template reads, the one reading the reader and its neighbours share', () => {
  it.each([
    [
      'envFrom of a ConfigMap, with prefix',
      { envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'P_' }] },
      ['envFrom ConfigMap cm P_ false'],
    ],
    ['envFrom of an optional Secret', { envFrom: [{ secretRef: { name: 's', optional: true } }] }, ['envFrom Secret s  true']],
    ['envFrom naming nothing', { envFrom: [{ configMapRef: {} }, { prefix: 'X' }] }, []],
    ['secretKeyRef', { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, ['keyRef Secret s k false A']],
    ['a literal wins over valueFrom', { env: [{ name: 'A', value: 'x', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }, []],
    ['a key ref without its key', { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c' } } }] }, []],
    ['fieldRef reads no object', { env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'x' } } }] }, []],
  ])('%s', (_, c, expected) => {
    const shown = containerReferences(c).map((r) =>
      r.via === 'envFrom'
        ? `envFrom ${r.kind} ${r.name} ${r.prefix} ${r.optional}`
        : `keyRef ${r.kind} ${r.name} ${r.key} ${r.optional} ${r.env}`,
    );
    expect(shown).toEqual(expected);
  });

  it('counts init containers, first, and names the container', () => {
    const refs = templateReferences({
      spec: {
        containers: [{ name: 'server', envFrom: [{ configMapRef: { name: 'a' } }] }],
        initContainers: [{ name: 'migrate', envFrom: [{ secretRef: { name: 'b' } }] }],
      },
    });
    expect(refs.map((r) => [r.container, r.init, r.kind, r.name])).toEqual([
      ['migrate', true, 'Secret', 'b'],
      ['server', false, 'ConfigMap', 'a'],
    ]);
  });

  it('the reader dangles exactly the required references, when none of their objects exists', () => {
    fc.assert(
      fc.property(container, (c) => {
        const r = parseK8s([workload('api-server', c)], { workload: 'api-server' }, ctx);
        const expected = containerReferences(c)
          .filter((x) => !x.optional)
          .map((x) => (x.via === 'envFrom' ? describe_(x.kind, x.name) : `${describe_(x.kind, x.name)} key ${x.key}`));
        expect(r.dangling.map((d) => d.target)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the EKS collector fetches the objects the reader reads, and a workload with the same template is their consumer', () => {
    fc.assert(
      fc.property(container, fc.array(init, { maxLength: 1 }), (c, inits) => {
        const objects = [
          ...NAMES.flatMap((n) => [
            { file: 'o.yaml', object: { kind: 'ConfigMap', metadata: { name: n, namespace: 'api' }, data: { k1: 'v', k2: 'w' } } },
            { file: 'o.yaml', object: { kind: 'Secret', metadata: { name: n, namespace: 'api' }, stringData: { k1: 'v', k2: 'w' } } },
          ]),
        ];
        const self = workload('api-server', c, inits);
        const read = parseK8s([...objects, self], { workload: 'api-server' }, ctx);
        const fromLocations = new Set(
          read.observations
            .map((o) => /(ConfigMap|Secret) api\/(\S+)/.exec(o.origin.location))
            .flatMap((m) => (m ? [`${m[1]}/${m[2]}`] : [])),
        );
        const fetched = referencedDataObjects(self, { workload: 'api-server' }).map((d) => `${d.kind}/${d.name}`);
        // Every object the reader took a value from was fetched (a later env may hide an envFrom's keys, so not the converse).
        for (const o of fromLocations) expect(fetched).toContain(o);
        expect(new Set(fetched)).toEqual(new Set(containerReferences(c).map((x) => `${x.kind}/${x.name}`)));

        const index = indexObjects([...objects, self, workload('worker', c, inits)], []);
        const w = findWorkload(index, 'deployment/api-server', undefined);
        if ('error' in w) throw new Error(w.error);
        const consumers = otherConsumers(index, w).map((x) => `${x.object}${x.key ? ` key ${x.key}` : ''}`);
        const template = (self.object.spec as { template: Record<string, unknown> }).template;
        const all = templateReferences(template).map((x) => `${describe_(x.kind, x.name)}${x.via === 'keyRef' ? ` key ${x.key}` : ''}`);
        expect(new Set(consumers)).toEqual(new Set(all));
      }),
      { numRuns: 200 },
    );
  });
});
