import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessDeniedException, DescribeClusterCommand, EKSClient, ResourceNotFoundException } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { EksCollector, type EksCollectResult, type EksSourceSpec } from '../../../../lambdas/adapters/live/eks/eks-collector';
import { RecordedSourceCollector } from '../../../../lambdas/adapters/recorded/recorded-collector';
import { writeSnapshotDir } from '../../../../lambdas/adapters/recorded-writer/snapshot-writer';
import { eksFiles } from '../../../../lambdas/core/source-kinds/file-forms/eks';
import type { SpecOf } from '../../../../lambdas/core/source-kinds/registry';
import { parseK8s } from '../../../../lambdas/core/sources/k8s';
import type { SourceParseResult } from '../../../../lambdas/core/sources/result';
import type { SourceSnapshot } from '../../../../lambdas/core/model';
import { testContext, testLabel } from '../../../helpers/context';
import { estateFrom } from '../../../helpers/estate';
import { b64, CANARY } from '../../../helpers/k8s-manifests';
import { MAX_PODS } from '../../../../lambdas/adapters/live/eks/workload-pods';
import { pathOf, startFakeKubeApi, type FakeKubeApi, type Route } from './fake-kube-api';

type K8sObj = { kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };

const MANIFESTS = join(__dirname, '../../../../examples/manifests/production-us');
const NOW = new Date('2026-11-24T02:00:00Z');
const ctx = testContext(testLabel('eks', 'eks prod-use1 checkout/checkout-api'));
const spec: EksSourceSpec = { cluster: 'prod-use1', namespace: 'checkout', workload: 'checkout-api', container: 'api' };

/** The recorded production-us manifests, with a canary as the database password. */
function recorded(): Array<{ file: string; object: K8sObj }> {
  return readdirSync(MANIFESTS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const object = parse(readFileSync(join(MANIFESTS, f), 'utf8')) as K8sObj;
      if (object.kind === 'Secret') (object.data as Record<string, string>)['db-password'] = b64(CANARY);
      return { file: `manifests/production-us/${f}`, object };
    });
}

/** Keys, values and references, without attribution (which names API paths rather than files). */
const essence = (r: SourceParseResult) => ({
  observations: r.observations.map((o) => [o.key, o.rawKey, o.value]),
  dangling: r.dangling.map((d) => [d.key, d.target, d.detail]),
  errors: r.errors,
});

const eks = mockClient(EKSClient);
let api: FakeKubeApi;
let objects: Array<{ file: string; object: K8sObj }>;
let families: string[];

function collector(over: Partial<ConstructorParameters<typeof EksCollector>[0]> = {}): EksCollector {
  return new EksCollector({
    eks: new EKSClient({ region: 'us-east-1' }),
    region: 'us-east-1',
    credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-real-secret' }),
    limit: (family, fn) => {
      families.push(family);
      return fn();
    },
    now: () => NOW,
    ...over,
  });
}

/** Collects, and checks what every result must hold: no canary anywhere, errors as lines. */
async function collect(s: EksSourceSpec = spec, c = collector()): Promise<EksCollectResult> {
  const result = await c.collect(s, ctx);
  expect(JSON.stringify(result)).not.toContain(CANARY);
  expect(JSON.stringify(result)).not.toContain(b64(CANARY));
  return result;
}

const paths = () => api.requests.map((r) => r.path);
const P = {
  deployment: '/apis/apps/v1/namespaces/checkout/deployments/checkout-api',
  configMap: '/api/v1/namespaces/checkout/configmaps/api-config',
  secret: '/api/v1/namespaces/checkout/secrets/checkout-secrets',
  hpa: '/apis/autoscaling/v2/namespaces/checkout/horizontalpodautoscalers/checkout-api',
  hpaList: '/apis/autoscaling/v2/namespaces/checkout/horizontalpodautoscalers',
  pods: '/api/v1/namespaces/checkout/pods?labelSelector=app.kubernetes.io%2Fname%3Dcheckout-api&limit=200',
};

beforeEach(async () => {
  objects = recorded();
  api = await startFakeKubeApi(objects.map((o) => o.object));
  // The namespace's HPAs, as a list: the one scaling the workload is found by its scaleTargetRef.
  const hpas = objects.map((o) => o.object).filter((o) => o.kind === 'HorizontalPodAutoscaler');
  api.route(P.hpaList, { status: 200, body: { kind: 'HorizontalPodAutoscalerList', items: hpas } });
  // A Secret nobody references: drift must never ask for it.
  api.route('/api/v1/namespaces/checkout/secrets/unrelated', {
    status: 200,
    body: { kind: 'Secret', metadata: { name: 'unrelated' }, data: { x: b64(CANARY) } },
  });
  families = [];
  eks.reset();
  eks.on(DescribeClusterCommand, { name: 'prod-use1' }).resolves({
    cluster: {
      name: 'prod-use1',
      endpoint: api.url,
      status: 'ACTIVE',
      certificateAuthority: { data: b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n') },
    },
  });
});
afterEach(() => api.close());

/** Mounts ConfigMap api-files (which the API does not hold) and Secret api-tls, answered by `tls`, as the workload's volumes. */
function mountFilesAndTls(tls: Route): void {
  const deployment = structuredClone(objects.find((o) => o.object.kind === 'Deployment')!.object) as K8sObj & {
    spec: { template: { spec: { containers: Array<Record<string, unknown>>; volumes?: unknown[] } } };
  };
  const pod = deployment.spec.template.spec;
  pod.containers.find((c) => c.name === 'api')!.volumeMounts = [
    { name: 'files', mountPath: '/etc/api' },
    { name: 'tls', mountPath: '/etc/tls' },
  ];
  pod.volumes = [
    { name: 'files', configMap: { name: 'api-files' } },
    { name: 'tls', secret: { secretName: 'api-tls' } },
  ];
  api.route(P.deployment, { status: 200, body: deployment });
  api.route('/api/v1/namespaces/checkout/secrets/api-tls', tls);
}

describe('EksCollector', () => {
  test('reads the workload, what it references and its HPA, and parses them as the recorded k8s form does', async () => {
    const live = await collect();
    const fromFiles = parseK8s(objects, { workload: 'checkout-api', container: 'api', namespace: 'checkout' }, ctx);
    expect(fromFiles.errors).toEqual([]);
    expect(essence(live)).toEqual(essence(fromFiles));
    expect(live.observations.find((o) => o.key === 'db.password')?.value.kind).toBe('secret');
    expect(live.observations.find((o) => o.key === 'runtime.autoscaling.max')?.value).toEqual({ kind: 'text', text: '50' });
    expect(live.observedAt).toBe(NOW.toISOString());
    expect(live.calls).toEqual({ eks: 1, kubernetes: 5 });
  });

  test('asks only for the named objects, each once, with an EKS bearer token', async () => {
    await collect();
    // configmap api-config is referenced twice and checkout-secrets three times; the pods by the workload's selector
    expect([...paths()].sort()).toEqual([P.configMap, P.hpaList, P.deployment, P.secret, P.pods].sort());
    expect(paths()[0]).toBe(P.deployment);
    expect(paths().some((p) => /\/secrets\/?(\?.*)?$/.test(p))).toBe(false);
    for (const r of api.requests) {
      expect(r.method).toBe('GET');
      expect(r.headers.authorization).toMatch(/^Bearer k8s-aws-v1\.[A-Za-z0-9_-]+$/);
      expect(r.headers.accept).toBe('application/json');
      const sts = new URL(Buffer.from(r.headers.authorization!.slice('Bearer k8s-aws-v1.'.length), 'base64url').toString());
      expect(sts.host).toBe('sts.us-east-1.amazonaws.com');
      expect(sts.searchParams.get('Action')).toBe('GetCallerIdentity');
    }
    expect(families).toEqual(['eks', 'kubernetes', 'kubernetes', 'kubernetes', 'kubernetes', 'kubernetes']);
  });

  test('lists the pods the workload’s selector picks: when each container started, what it read from ConfigMaps and Secrets; no pod spec kept', async () => {
    const pod = (name: string, startedAt: string, phase = 'Running') => ({
      metadata: { name, namespace: 'checkout', labels: { 'app.kubernetes.io/name': 'checkout-api' } },
      spec: { containers: [{ name: 'api', env: [{ name: 'DB_PASSWORD', value: CANARY }] }] },
      status: { phase, startTime: '2026-11-20T00:00:00Z', containerStatuses: [{ name: 'api', state: { running: { startedAt } } }] },
    });
    api.route(P.pods, {
      status: 200,
      body: {
        kind: 'PodList',
        items: [
          pod('checkout-api-b', '2026-11-21T00:00:00Z'),
          pod('checkout-api-a', '2026-11-22T00:00:00Z'),
          pod('checkout-api-c', '', 'Pending'),
        ],
      },
    });
    const live = await collect();
    expect(live.errors).toEqual([]);
    expect(live.runtime?.workload).toBe('Deployment checkout/checkout-api');
    expect(live.runtime?.units.map((u) => [u.unit, u.id, u.startedAt])).toEqual([
      ['pod', 'checkout-api-a', '2026-11-22T00:00:00Z'],
      ['pod', 'checkout-api-b', '2026-11-21T00:00:00Z'],
    ]);
    // envFrom api-config and the secretKeyRef variables; literal env values are not read from an object.
    expect(live.runtime?.units[0]?.reads).toEqual(expect.arrayContaining(['db.password', 'log.level']));
    expect(live.runtime?.units[0]?.reads).not.toContain('port');
    // What `drift snapshot --record` is handed of a pod: its name, labels and start times, never its spec.
    const kept = await collector({ keepInputs: true }).collect(spec, ctx);
    const pods = (kept.kept?.objects ?? []).filter((o) => (o.object as { kind?: string }).kind === 'Pod');
    expect(pods).toHaveLength(3);
    expect(JSON.stringify(pods)).not.toContain(CANARY);
    expect(JSON.stringify(pods)).not.toContain('"spec"');
  });

  test('a Role without list on pods: an error line that says to apply the Role again', async () => {
    api.route(P.pods, { status: 403, body: { kind: 'Status', reason: 'Forbidden', code: 403, message: 'pods is forbidden' } });
    const live = await collect();
    expect(live.errors).toEqual([expect.stringContaining('the emitted Role allows list on pods in checkout: apply it again')]);
  });

  test('a big workload’s pods are listed a page at a time, following the server’s continue token', async () => {
    const pod = (name: string) => ({
      metadata: { name, namespace: 'checkout', labels: { 'app.kubernetes.io/name': 'checkout-api' } },
      status: { phase: 'Running', containerStatuses: [{ name: 'api', state: { running: { startedAt: '2026-11-22T00:00:00Z' } } }] },
    });
    api.route(P.pods, { status: 200, body: { kind: 'PodList', metadata: { continue: 'tok/1' }, items: [pod('a')] } });
    api.route(`${P.pods}&continue=tok%2F1`, { status: 200, body: { kind: 'PodList', metadata: { continue: '' }, items: [pod('b')] } });
    const live = await collect();
    expect(live.errors).toEqual([]);
    expect(live.runtime?.units.map((u) => u.id).sort()).toEqual(['a', 'b']);
  });

  test('a pods list that never ends (a new continue token every page) stops after MAX_PODS pods: an error line, the running pods unknown, the values kept', async () => {
    const values = (r: EksCollectResult) => r.observations.filter((o) => !o.key.startsWith('runtime.')).map((o) => o.key);
    const whole = values(await collect());
    const pod = (name: string) => ({
      metadata: { name, namespace: 'checkout', labels: { 'app.kubernetes.io/name': 'checkout-api' } },
      spec: { containers: [{ name: 'api', env: [{ name: 'PADDING', value: 'x'.repeat(100) }] }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'api', state: { running: { startedAt: '2026-11-22T00:00:00Z' } } }] },
    });
    // A server that ignores `limit` a little and pages on past any real workload: pages served beyond the cap would be 404s.
    const perPage = 250;
    const pages = Math.ceil(MAX_PODS / perPage) + 5;
    for (let i = 0; i < pages; i++) {
      const items = Array.from({ length: perPage }, (_, j) => pod(`p${i}-${j}`));
      api.route(i === 0 ? P.pods : `${P.pods}&continue=t${i}`, {
        status: 200,
        body: { kind: 'PodList', metadata: { continue: `t${i + 1}` }, items },
      });
    }
    api.requests.length = 0;
    const live = await collect();
    expect(live.errors).toEqual([expect.stringContaining(`more than ${MAX_PODS} pods`)]);
    expect(live.runtime).toBeUndefined();
    expect(values(live)).toEqual(whole);
    expect(paths().filter((p) => p.includes('/pods?')).length).toBeLessThanOrEqual(Math.ceil(MAX_PODS / perPage) + 1);
  });

  describe('a continue token that expired (410 Gone, reason Expired) while the pods were listed', () => {
    const pod = (name: string) => ({
      metadata: { name, namespace: 'checkout', labels: { 'app.kubernetes.io/name': 'checkout-api' } },
      status: { phase: 'Running', containerStatuses: [{ name: 'api', state: { running: { startedAt: '2026-11-22T00:00:00Z' } } }] },
    });
    const page = (token: string, ...names: string[]) => ({
      status: 200,
      body: { kind: 'PodList', metadata: { continue: token }, items: names.map(pod) },
    });
    // As the API server answers: the Status carries a token for an inconsistent continuation.
    const expired = {
      status: 410,
      body: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410, metadata: { continue: 'inconsistent' }, message: 'too old' },
    };

    test('restarts the list from its first page, and keeps only that whole list', async () => {
      api.routeInTurn(P.pods, [page('tok/1', 'a', 'gone'), page('tok/2', 'a', 'b')]);
      api.route(`${P.pods}&continue=tok%2F1`, expired);
      api.route(`${P.pods}&continue=tok%2F2`, page('', 'c'));
      const live = await collect();
      expect(live.errors).toEqual([]);
      expect(live.runtime?.units.map((u) => u.id).sort()).toEqual(['a', 'b', 'c']);
      expect(paths().filter((p) => p.includes('/pods?'))).toEqual([
        P.pods,
        `${P.pods}&continue=tok%2F1`,
        P.pods,
        `${P.pods}&continue=tok%2F2`,
      ]);
    });

    test('a token that keeps expiring: a bounded number of fresh starts, then an error line and the pods unknown', async () => {
      api.route(P.pods, page('tok/1', 'a'));
      api.route(`${P.pods}&continue=tok%2F1`, expired);
      const live = await collect();
      expect(live.errors).toEqual([expect.stringMatching(/continue token expired/)]);
      expect(live.runtime).toBeUndefined();
      const starts = paths().filter((p) => p === P.pods).length;
      expect(starts).toBeGreaterThan(1);
      expect(starts).toBeLessThanOrEqual(3);
    });
  });

  test('a pods list or an HPA the API fails (500, an expired continue token) costs only the runtime keys, never the values', async () => {
    const values = (r: EksCollectResult) => r.observations.filter((o) => !o.key.startsWith('runtime.')).map((o) => o.key);
    const whole = values(await collect());
    api.route(P.pods, { status: 500, body: { kind: 'Status', code: 500, message: 'etcdserver: request timed out' } });
    api.route(P.hpaList, { status: 410, body: { kind: 'Status', code: 410, reason: 'Expired' } });
    const live = await collect();
    expect(values(live)).toEqual(whole);
    expect(live.errors).toEqual([expect.stringContaining(`GET ${P.hpaList}`), expect.stringContaining('/pods?')]);
    expect(live.observations.find((o) => o.key === 'runtime.autoscaling.enabled')).toBeUndefined();
    expect(live.runtime).toBeUndefined();
  });

  test('describes each cluster once per collector, and lists a namespace’s HPAs once for all its workloads', async () => {
    const c = collector();
    expect((await collect(spec, c)).calls.eks).toBe(1);
    const again = await collect(spec, c);
    expect(again.calls.eks).toBe(0);
    expect(eks.commandCalls(DescribeClusterCommand)).toHaveLength(1);
    expect(paths().filter((p) => p === P.hpaList)).toHaveLength(1);
    expect(again.observations.find((o) => o.key === 'runtime.autoscaling.max')?.value).toEqual({ kind: 'text', text: '50' });
  });

  test('fetches only what the chosen container references', async () => {
    const r = await collect({ ...spec, container: 'fluent-bit' });
    expect(r.errors).toEqual([]);
    expect([...paths()].sort()).toEqual([P.hpaList, P.deployment, P.pods].sort());
  });

  test.each([
    ['namespace', { ...spec, namespace: '..' }, 'is not a Kubernetes namespace'],
    ['namespace', { ...spec, namespace: '.' }, 'is not a Kubernetes namespace'],
    ['workload', { ...spec, workload: 'deployment/..' }, 'is not a Kubernetes workload'],
    ['workload', { ...spec, workload: '.' }, 'is not a Kubernetes workload'],
  ])(
    'a %s that is no Kubernetes name (%j) is a source error before any request: "." and ".." in an API path climb out of the namespace',
    async (field, bad, problem) => {
      const live = await collect(bad);
      expect(live.errors).toEqual([expect.stringContaining(problem)]);
      expect(live.errors[0]).toContain(`eks ${field}`);
      expect(live.observations).toEqual([]);
      expect(paths()).toEqual([]);
    },
  );

  test('a workload nested deeper than the parser can walk (an API server answering a valueFrom 100,000 objects deep) is a source error, not a thrown RangeError', async () => {
    const depth = 100_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    api.route(P.deployment, {
      status: 200,
      raw:
        '{"kind":"Deployment","metadata":{"name":"checkout-api","namespace":"checkout"},"spec":{"template":{"spec":' +
        `{"containers":[{"name":"api","env":[{"name":"A","value":"1"},{"name":"B","valueFrom":${deep}}]}]}}}}`,
    });
    const live = await collect();
    expect(live.errors).toEqual([expect.stringContaining('nested too deeply to read')]);
    expect(live.observations).toEqual([]);
  });

  test('falls back to a StatefulSet, then a DaemonSet; kind/name asks for that kind only', async () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'ledger', namespace: 'checkout' },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'db', env: [{ name: 'MODE', value: 'primary' }] }] } } },
    };
    api.route(pathOf(sts), { status: 200, body: sts });
    const r = await collect({ cluster: 'prod-use1', namespace: 'checkout', workload: 'ledger' });
    expect(r.errors).toEqual([]);
    expect(r.observations.find((o) => o.key === 'runtime.replicas')?.value).toEqual({ kind: 'text', text: '3' });
    expect(paths()).toEqual([
      '/apis/apps/v1/namespaces/checkout/deployments/ledger',
      '/apis/apps/v1/namespaces/checkout/statefulsets/ledger',
      P.hpaList,
    ]);

    api.requests.length = 0;
    await collect({ ...spec, workload: 'deployment/checkout-api' });
    expect(paths().filter((p) => p.startsWith('/apis/apps/'))).toEqual([P.deployment]);
  });

  test('a CronJob: after the apps kinds, batch/v1 cronjobs; its job template’s containers are read', async () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'checkout' },
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', env: [{ name: 'BATCH_SIZE', value: '500' }] }] } } } },
      },
    };
    api.route(pathOf(cron), { status: 200, body: cron });
    const r = await collect({ cluster: 'prod-use1', namespace: 'checkout', workload: 'nightly' });
    expect(r.errors).toEqual([]);
    expect(r.observations.find((o) => o.key === 'batch.size')?.value).toEqual({ kind: 'text', text: '500' });
    expect(paths().filter((p) => p.includes('/nightly'))).toEqual([
      '/apis/apps/v1/namespaces/checkout/deployments/nightly',
      '/apis/apps/v1/namespaces/checkout/statefulsets/nightly',
      '/apis/apps/v1/namespaces/checkout/daemonsets/nightly',
      '/apis/batch/v1/namespaces/checkout/cronjobs/nightly',
    ]);
    api.requests.length = 0;
    await collect({ cluster: 'prod-use1', namespace: 'checkout', workload: 'cronjob/nightly' });
    expect(paths().filter((p) => p.includes('/nightly'))).toEqual(['/apis/batch/v1/namespaces/checkout/cronjobs/nightly']);
  });

  test('a Role that grants only the real kind is enough: 403 on the other kinds is not an error', async () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'ledger', namespace: 'checkout' },
      spec: { template: { spec: { containers: [{ name: 'db' }] } } },
    };
    api.route('/apis/apps/v1/namespaces/checkout/deployments/ledger', { status: 403, body: { message: 'forbidden' } });
    api.route(pathOf(sts), { status: 200, body: sts });
    const r = await collect({ cluster: 'prod-use1', namespace: 'checkout', workload: 'ledger' });
    expect(r.errors).toEqual([]);
  });

  test('a workload found nowhere is one error naming it', async () => {
    const r = await collect({ ...spec, workload: 'checkout-apii' });
    expect(r.errors).toEqual([
      'Deployment, StatefulSet, DaemonSet, CronJob, Job or Rollout "checkout-apii" not found in namespace checkout',
    ]);
    expect(r.observations).toEqual([]);
  });

  test.each([
    [401, /401 Unauthorized: the API server refused the token/],
    [403, /403 Forbidden: the Role .* does not allow get/],
  ])('%s on the workload is an error line, not a throw', async (status, message) => {
    for (const kind of ['deployments', 'statefulsets', 'daemonsets'])
      api.route(`/apis/apps/v1/namespaces/checkout/${kind}/checkout-api`, { status, body: { message: CANARY } });
    const r = await collect();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(P.deployment);
    expect(r.errors[0]).toMatch(status === 401 ? message : /not readable: the Role does not allow get on/);
    expect(r.observations).toEqual([]);
  });

  test('401 anywhere fails the source with the path', async () => {
    api.route(P.secret, { status: 401, body: { message: CANARY } });
    const r = await collect();
    expect(r.errors).toEqual([expect.stringMatching(new RegExp(`^GET ${P.secret}: 401 Unauthorized`))]);
    expect(r.observations).toEqual([]);
  });

  test('a Secret the Role will not show is an error, and unknown rather than dangling', async () => {
    api.route(P.secret, { status: 403, body: { message: CANARY } });
    const r = await collect();
    expect(r.errors).toEqual([expect.stringContaining(`GET ${P.secret}: 403 Forbidden`)]);
    expect(r.dangling).toEqual([]);
    expect(r.observations.find((o) => o.key === 'db.password')).toBeUndefined();
    expect(r.observations.find((o) => o.key === 'log.level')?.value).toEqual({ kind: 'text', text: 'DEBUG' });
  });

  test('a missing Secret is left to the parser, which reports the dangling references', async () => {
    api.route(P.secret, { status: 404, body: {} });
    const r = await collect();
    const fromFiles = parseK8s(
      objects.filter((o) => o.object.kind !== 'Secret'),
      { workload: 'checkout-api', container: 'api', namespace: 'checkout' },
      ctx,
    );
    expect(r.dangling.map((d) => d.key).sort()).toEqual(['db.password', 'smtp.password', 'stripe.webhook.secret']);
    expect(essence(r)).toEqual(essence(fromFiles));
  });

  test('the objects behind the mounted volumes are fetched too: a missing one dangles; one the Role will not show is unknown, and no error', async () => {
    mountFilesAndTls({ status: 403, body: { message: 'forbidden' } });
    const tls = '/api/v1/namespaces/checkout/secrets/api-tls';
    const r = await collect();
    expect(paths()).toEqual(expect.arrayContaining(['/api/v1/namespaces/checkout/configmaps/api-files', tls]));
    expect(r.errors).toEqual([]);
    expect(r.dangling.map((d) => [d.key, d.detail])).toEqual([
      ['volume files ConfigMap checkout/api-files', 'ConfigMap checkout/api-files not found (volume files)'],
    ]);
  });

  test('no HPA scaling it in the namespace means autoscaling off; one of another name is found by its target', async () => {
    const autoscaling = (r: EksCollectResult) =>
      Object.fromEntries(r.observations.filter((o) => o.key.startsWith('runtime.autoscaling.')).map((o) => [o.key, o.value]));
    const other = {
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'other-hpa' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'other' } },
    };
    api.route(P.hpaList, { status: 200, body: { kind: 'HorizontalPodAutoscalerList', items: [other] } });
    expect(autoscaling(await collect())).toEqual({ 'runtime.autoscaling.enabled': { kind: 'text', text: 'false' } });

    const named = {
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'checkout-api-hpa', namespace: 'checkout' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout-api' }, minReplicas: 3, maxReplicas: 10 },
    };
    api.route(P.hpaList, { status: 200, body: { kind: 'HorizontalPodAutoscalerList', items: [other, named] } });
    expect(autoscaling(await collect())).toEqual({
      'runtime.autoscaling.enabled': { kind: 'text', text: 'true' },
      'runtime.autoscaling.min': { kind: 'text', text: '3' },
      'runtime.autoscaling.max': { kind: 'text', text: '10' },
    });
  });

  test('a Role without list on HPAs (applied before it had it): the HPA named like the workload, and unknown when there is none', async () => {
    api.route(P.hpaList, { status: 403, body: {} });
    const byName = await collect();
    expect(byName.observations.find((o) => o.key === 'runtime.autoscaling.max')?.value).toEqual({ kind: 'text', text: '50' });

    // Another name may scale it: its absence under the workload's name says nothing.
    api.route(P.hpa, { status: 404, body: {} });
    const none = await collect();
    expect(none.errors).toEqual([]);
    expect(none.observations.filter((o) => o.key.startsWith('runtime.autoscaling.'))).toEqual([]);

    api.route(P.hpa, { status: 403, body: {} });
    const hidden = await collect();
    expect(hidden.errors).toEqual([expect.stringContaining(`GET ${P.hpa}: 403 Forbidden`)]);
    expect(hidden.observations.filter((o) => o.key.startsWith('runtime.autoscaling.'))).toEqual([]);
    expect(hidden.observations.find((o) => o.key === 'runtime.replicas')).toBeDefined();
  });

  test('a server error names the path and status, never the body', async () => {
    api.route(P.secret, { status: 500, raw: JSON.stringify({ data: { 'db-password': b64(CANARY) }, message: CANARY }) });
    const r = await collect();
    expect(r.errors).toEqual([`GET ${P.secret}: HTTP 500`]);
  });

  test('an unreachable endpoint is an error line', async () => {
    const url = api.url;
    await api.close();
    eks
      .on(DescribeClusterCommand)
      .resolves({ cluster: { name: 'prod-use1', endpoint: url, resourcesVpcConfig: { endpointPublicAccess: false } } });
    const r = await collect();
    expect(r.errors).toEqual([
      `GET ${P.deployment}: cannot reach the API server (ECONNREFUSED) (the cluster's endpoint is private: reachable only from inside its VPC)`,
    ]);
    api = await startFakeKubeApi([]);
  });

  test.each([
    [
      'ResourceNotFoundException',
      new ResourceNotFoundException({ message: 'No cluster found for name: prod-use1.', $metadata: {} }),
      'EKS cluster "prod-use1" not found in us-east-1',
    ],
    [
      'AccessDeniedException',
      new AccessDeniedException({ message: `User is not authorized ${CANARY}`, $metadata: {} }),
      'EKS cluster "prod-use1": access denied on eks:DescribeCluster (the read role needs it on this cluster)',
    ],
    [
      'a network error',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }),
      'EKS cluster "prod-use1": DescribeCluster: ECONNREFUSED (network error)',
    ],
  ])('DescribeCluster failing with %s is an error line, and nothing else is called', async (_name, error, message) => {
    eks.on(DescribeClusterCommand).rejects(error);
    const r = await collect();
    expect(r.errors).toEqual([message]);
    expect(api.requests).toEqual([]);
  });

  test('a cluster without an endpoint yet, or credentials that fail, are error lines', async () => {
    eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'prod-use1', status: 'CREATING' } });
    expect((await collect()).errors).toEqual(['EKS cluster "prod-use1" has no API endpoint yet (status CREATING)']);

    eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'prod-use1', endpoint: api.url } });
    const broken = collector({
      credentials: async () => Promise.reject(Object.assign(new Error('expired'), { name: 'ExpiredTokenException' })),
    });
    expect((await collect(spec, broken)).errors).toEqual(['EKS cluster "prod-use1": could not sign a token (ExpiredTokenException)']);
    expect(api.requests).toEqual([]);
  });
});

describe('a recording of the read (drift snapshot --record)', () => {
  const ESTATE = `version: 1
name: shop
environments:
  production:
    sources:
      - eks: { cluster: prod-use1, namespace: checkout, workload: checkout-api, container: api }
baseline:
  undeclared: ignore
  keys: {}
`;

  /** Records the live read as `drift snapshot --record` does, then reads the recording back: its dangling targets. */
  async function recordedThenRead(): Promise<string[]> {
    const back = await recordedAndReadBack();
    expect(back.errors).toEqual([]);
    return back.dangling.map((d) => d.target);
  }

  /** Records the live read as `drift snapshot --record` does, then reads the recording back. */
  async function recordedAndReadBack(): Promise<SourceSnapshot> {
    const live = await collector({ keepInputs: true }).collect(spec, ctx);
    const dir = mkdtempSync(join(tmpdir(), 'drift-eks-record-'));
    try {
      writeFileSync(join(dir, 'drift.yaml'), ESTATE);
      const estate = estateFrom(ESTATE, join(dir, 'drift.yaml'));
      const source = estate.environments[0]!.sources[0]! as SpecOf<'eks'>;
      const recorder = eksFiles.recording.prepare(source, ctx, live.kept ? { kept: live.kept } : {});
      const recorded = recorder({ source: ctx.source, observations: live.observations, dangling: live.dangling, errors: live.errors });
      const contents = { estate, environments: ['production'], recordingOf: () => recorded, failures: [], keyId: ctx.fp.keyId };
      await writeSnapshotDir(dir, contents);
      const back = await new RecordedSourceCollector({ baseDir: dir }).collect(
        {
          type: 'k8s',
          index: 0,
          workload: 'checkout-api',
          container: 'api',
          namespace: 'checkout',
          from: ['production/01-k8s/manifest.yaml'],
        },
        ctx.source,
        ctx,
      );
      return back;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('holds the mounted objects it fetched: one the API did not have (404) dangles when read back, as live', async () => {
    mountFilesAndTls({ status: 200, body: { kind: 'Secret', metadata: { name: 'api-tls' } } });
    expect(await recordedThenRead()).toEqual(['ConfigMap checkout/api-files']);
  });

  test('a Secret the env names that the Role would not show (403): read back, what it holds is unknown and the read incomplete, as live', async () => {
    api.route(P.secret, { status: 403, body: { message: 'forbidden' } });
    const live = await collect();
    expect(live.dangling).toEqual([]);
    expect(live.errors).toEqual([expect.stringContaining(`GET ${P.secret}: 403 Forbidden`)]);
    const back = await recordedAndReadBack();
    expect(back.dangling).toEqual([]);
    expect(back.errors).toEqual([
      'Secret checkout/checkout-secrets: not readable when this was recorded (the Role did not allow get on it): what the workload takes from it is unknown',
    ]);
    expect(back.observations.map((o) => [o.key, o.value])).toEqual(live.observations.map((o) => [o.key, o.value]));
  });

  test('an HPA the Role would not show: read back, whether the workload autoscales is unknown, as live', async () => {
    api.route(P.hpaList, { status: 403, body: { message: 'forbidden' } });
    api.route(P.hpa, { status: 403, body: { message: 'forbidden' } });
    const live = await collect();
    expect(live.observations.filter((o) => o.key.startsWith('runtime.autoscaling.'))).toEqual([]);
    expect(live.errors).toEqual([expect.stringContaining('403 Forbidden')]);
    const back = await recordedAndReadBack();
    expect(back.observations.map((o) => [o.key, o.value])).toEqual(live.observations.map((o) => [o.key, o.value]));
    expect(back.errors).toEqual([
      'the HorizontalPodAutoscaler of checkout/checkout-api: not readable when this was recorded (the Role did not allow reading it): whether the workload autoscales is unknown',
    ]);
  });

  test('an HPA not found by name where the Role allows no list: read back, autoscaling is unknown, and no error, as live', async () => {
    api.route(P.hpaList, { status: 403, body: { message: 'forbidden' } });
    api.route(P.hpa, { status: 404, body: { message: 'not found' } });
    const live = await collect();
    expect(live.errors).toEqual([]);
    expect(live.observations.filter((o) => o.key.startsWith('runtime.autoscaling.'))).toEqual([]);
    const back = await recordedAndReadBack();
    expect(back.errors).toEqual([]);
    expect(back.observations.map((o) => [o.key, o.value])).toEqual(live.observations.map((o) => [o.key, o.value]));
  });

  test('one the Role would not show (403) stays unknown when read back, not missing', async () => {
    mountFilesAndTls({ status: 200, body: { kind: 'Secret', metadata: { name: 'api-tls' } } });
    api.route('/api/v1/namespaces/checkout/secrets/api-tls', { status: 403, body: { message: 'forbidden' } });
    expect((await collect()).dangling.map((d) => d.target)).toEqual(['ConfigMap checkout/api-files']);
    expect(await recordedThenRead()).toEqual([]);
  });
});
