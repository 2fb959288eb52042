import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { k8sObjectAsRead } from '../../../lambdas/core/sources/k8s-read-fields';
import { ctx, k8s, mountingDeployment } from '../../helpers/k8s-manifests';

// Secrets made in the cluster by what the manifests hold, mounted by a pod's sidecars as often as by its container.

type Read = Array<{ file: string; object: unknown }>;
const readAll = (files: Record<string, string>): Read =>
  Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
const asRecorded = (read: Read): Read => read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));

/** `target: detail` of each dangling reference of the workload's pod. */
const danglingOf = (read: Read, workload: string, container: string, namespace?: string): string[] => {
  const r = parseK8s(read, { workload, container, ...(namespace ? { namespace } : {}) }, ctx);
  expect(r.errors).toEqual([]);
  return r.dangling.map((d) => `${d.target}: ${d.detail}`);
};

describe("the Secret OpenShift's service CA writes a Service's serving certificate to", () => {
  // cluster-monitoring-operator's kube-state-metrics: its kube-rbac-proxy sidecars mount the Secret its Service names.
  const dir = path.join(__dirname, '../../fixtures/realworld/cluster-monitoring-operator/kube-state-metrics');
  const real = (): Record<string, string> =>
    Object.fromEntries(readdirSync(dir).map((f) => [`m/${f}`, readFileSync(path.join(dir, f), 'utf8')]));
  const onlyOperatorMade = [
    'ConfigMap openshift-monitoring/metrics-client-ca: ConfigMap openshift-monitoring/metrics-client-ca not found (volume metrics-client-ca)',
  ];

  it('is there for the sidecars of a real deployment, from its manifests or from a recording of them', () => {
    // What is left is made by the operator's own code, which no manifest says.
    expect(danglingOf(readAll(real()), 'kube-state-metrics', 'kube-state-metrics')).toEqual(onlyOperatorMade);
    expect(danglingOf(asRecorded(readAll(real())), 'kube-state-metrics', 'kube-state-metrics')).toEqual(onlyOperatorMade);
  });

  const service = (annotation: string, namespace = 'shop') => `---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: ${namespace}
  annotations: { ${annotation}: api-tls }
spec: { ports: [{ port: 8443 }] }
`;
  const sidecar = `        - name: kube-rbac-proxy
          volumeMounts: [{ name: tls, mountPath: /etc/tls/private }]
`;
  const tls = (items = '') => `[{ name: tls, secret: { secretName: api-tls${items} } }]`;
  const dangling = (volumes: string, more: string): string[] => {
    const r = k8s(
      { 'm/deploy.yaml': mountingDeployment('[]', volumes, sidecar), 'm/more.yaml': more },
      { workload: 'api', container: 'api' },
    );
    expect(r.errors).toEqual([]);
    return r.dangling.map((d) => d.detail);
  };

  it('holds the certificate and its key, by either annotation', () => {
    const items = ', items: [{ key: tls.crt, path: c }, { key: tls.key, path: k }]';
    expect(dangling(tls(items), service('service.beta.openshift.io/serving-cert-secret-name'))).toEqual([]);
    expect(dangling(tls(), service('service.alpha.openshift.io/serving-cert-secret-name'))).toEqual([]);
  });

  it('lacks any other key, and is not made by another annotation or in another namespace', () => {
    expect(dangling(tls(', items: [{ key: ca.crt, path: ca }]'), service('service.beta.openshift.io/serving-cert-secret-name'))).toEqual([
      'key ca.crt not among the keys Service shop/api makes of Secret shop/api-tls (volume tls items)',
    ]);
    const missing = ['Secret shop/api-tls not found (volume tls)'];
    expect(dangling(tls(), service('example.com/serving-cert-secret-name'))).toEqual(missing);
    expect(dangling(tls(), service('service.beta.openshift.io/serving-cert-secret-name', 'other'))).toEqual(missing);
  });
});

describe('the CA bundle OpenShift injects into a ConfigMap its manifest leaves empty', () => {
  // cluster-ingress-operator's Deployment mounts the trusted CAs by key, from a ConfigMap labelled for the injection.
  const dir = path.join(__dirname, '../../fixtures/realworld/cluster-ingress-operator');
  const real = (): Record<string, string> =>
    Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => [`m/${f}`, readFileSync(path.join(dir, f), 'utf8')]),
    );

  it('holds its key for a real deployment, from its manifests or from a recording of them', () => {
    expect(danglingOf(readAll(real()), 'ingress-operator', 'ingress-operator')).toEqual([]);
    expect(danglingOf(asRecorded(readAll(real())), 'ingress-operator', 'ingress-operator')).toEqual([]);
  });

  const configMap = (meta: string) => `---
apiVersion: v1
kind: ConfigMap
metadata: { name: ca, namespace: shop, ${meta} }
data: {}
`;
  const SERVICE_CA = "annotations: { service.beta.openshift.io/inject-cabundle: 'true' }";
  const TRUSTED_CA = "labels: { config.openshift.io/inject-trusted-cabundle: 'true' }";
  const mounting = (key: string) =>
    mountingDeployment('[]', `[{ name: ca, configMap: { name: ca, items: [{ key: ${key}, path: ca.pem }] } }]`, '').replace(
      'volumeMounts: []',
      `volumeMounts: [{ name: ca, mountPath: /etc/ca }]
          env: [{ name: CA, valueFrom: { configMapKeyRef: { name: ca, key: ${key} } } }]`,
    );
  const dangling = (key: string, meta: string, recorded = false): string[] => {
    const read = readAll({ 'm/deploy.yaml': mounting(key), 'm/ca.yaml': configMap(meta) });
    return danglingOf(recorded ? asRecorded(read) : read, 'api', 'api').map((d) => d.replace(/^[^:]*: /, ''));
  };

  it("holds the service CA's service-ca.crt where annotated, the trusted CAs' ca-bundle.crt where labelled", () => {
    expect(dangling('service-ca.crt', SERVICE_CA)).toEqual([]);
    expect(dangling('ca-bundle.crt', TRUSTED_CA)).toEqual([]);
    expect(dangling('service-ca.crt', SERVICE_CA, true)).toEqual([]);
    expect(dangling('ca-bundle.crt', TRUSTED_CA, true)).toEqual([]);
  });

  it('holds no other key, and nothing unasked', () => {
    expect(dangling('ca-bundle.crt', SERVICE_CA)).toEqual([
      'key ca-bundle.crt not found in ConfigMap shop/ca',
      'key ca-bundle.crt not found in ConfigMap shop/ca (volume ca items)',
    ]);
    expect(dangling('service-ca.crt', "annotations: { service.beta.openshift.io/inject-cabundle: 'false' }")).toHaveLength(2);
    expect(dangling('ca-bundle.crt', 'labels: { app: ca }')).toHaveLength(2);
  });
});

describe('the Secret a workload of the manifests creates as its containers start', () => {
  const fixture = (project: string, file: string): Record<string, string> => ({
    [`m/${file}`]: readFileSync(path.join(__dirname, '../../fixtures/realworld', project, file), 'utf8'),
  });

  it("is there: Argo CD's Redis password, written by its init container, and MetalLB's memberlist key, by its controller", () => {
    const argo = fixture('argo-cd', 'install-argocd-redis.yaml');
    const metallb = fixture('metallb', 'metallb-native-excerpt.yaml');
    for (const read of [readAll(argo), asRecorded(readAll(argo))]) expect(danglingOf(read, 'argocd-redis', 'redis')).toEqual([]);
    for (const read of [readAll(metallb), asRecorded(readAll(metallb))])
      expect(danglingOf(read, 'speaker', 'speaker', 'metallb-system')).toEqual([]);
  });

  const redis = (initArgs: string, key = 'auth') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: argocd-redis, namespace: argocd }
spec:
  template:
    spec:
      initContainers: [{ name: secret-init, image: quay.io/argoproj/argocd:v3.1.0, command: [argocd, admin], args: ${initArgs} }]
      containers:
        - name: redis
          env: [{ name: REDIS_PASSWORD, valueFrom: { secretKeyRef: { name: argocd-redis, key: ${key} } } }]
`;
  const speaker = (controllerEnv: string, args = '[]') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: controller, namespace: metallb-system }
spec:
  template:
    spec:
      containers: [{ name: controller, args: ${args}, env: ${controllerEnv} }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: speaker, namespace: metallb-system }
spec:
  template:
    spec:
      containers: [{ name: speaker, volumeMounts: [{ name: memberlist, mountPath: /etc/ml_secret_key }] }]
      volumes: [{ name: memberlist, secret: { secretName: memberlist, items: [{ key: secretkey, path: secretkey }] } }]
`;
  const dangles = (text: string, workload: string, container: string): string[] =>
    danglingOf(readAll({ 'm/app.yaml': text }), workload, container).map((d) => d.replace(/^[^:]*: /, ''));

  it('holds only the key it writes, and is not made elsewhere, by another command, or without a name', () => {
    expect(dangles(redis('[redis-initial-password]'), 'argocd-redis', 'redis')).toEqual([]);
    expect(dangles(redis('[redis-initial-password]', 'password'), 'argocd-redis', 'redis')).toEqual([
      'key password not among the keys Deployment argocd/argocd-redis makes of Secret argocd/argocd-redis',
    ]);
    const missing = ['Secret argocd/argocd-redis not found'];
    expect(dangles(redis('[redis-initial-password, --namespace, other]'), 'argocd-redis', 'redis')).toEqual(missing);
    expect(dangles(redis('[initial-password]'), 'argocd-redis', 'redis')).toEqual(missing);

    expect(dangles(speaker('[]', '["--ml-secret-name=memberlist"]'), 'speaker', 'speaker')).toEqual([]);
    const gone = ['Secret metallb-system/memberlist not found (volume memberlist)'];
    expect(
      dangles(
        speaker('[{ name: METALLB_ML_SECRET_NAME, value: memberlist }, { name: METALLB_NAMESPACE, value: other }]'),
        'speaker',
        'speaker',
      ),
    ).toEqual(gone);
    expect(dangles(speaker('[{ name: METALLB_DEPLOYMENT, value: controller }]'), 'speaker', 'speaker')).toEqual(gone);
  });

  it('is kept by snapshot --record as far as it is read (no other command line or init container), and read back the same', () => {
    const waiting = redis('[redis-initial-password, --loglevel, debug]').replace(
      'initContainers: [',
      "initContainers: [{ name: wait-for-db, command: [sh, -c, 'until nc -z db 5432; do sleep 1; done'] }, ",
    );
    const files = { 'm/app.yaml': waiting + '---\n' + speaker('[]', '["--ml-secret-name=memberlist", --log-level=info]') };
    const recorded = asRecorded(readAll(files));
    expect(danglingOf(recorded, 'argocd-redis', 'redis')).toEqual([]);
    expect(danglingOf(recorded, 'speaker', 'speaker')).toEqual([]);
    expect(JSON.stringify(recorded)).not.toMatch(/loglevel|log-level|quay\.io|wait-for-db/);
  });
});

describe('a container whose command line both runs certgen create and names a memberlist Secret', () => {
  it('keeps the words of both in a recording', () => {
    const job = {
      kind: 'Job',
      metadata: { name: 'j', namespace: 'shop' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                image: 'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.1',
                args: ['create', '--secret-name=admission', '--ml-secret-name=memberlist', '--log-level=debug'],
              },
            ],
          },
        },
      },
    };
    const read = k8sObjectAsRead(job) as { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } };
    const [args] = read.spec.template.spec.containers.map((c) => c.args);
    expect(args).toEqual(expect.arrayContaining(['create', '--secret-name=admission', '--ml-secret-name=memberlist']));
    expect(args).not.toContain('--log-level=debug');
  });
});

describe("the Secrets ECK's operator makes for an Elasticsearch: its elastic user's password and public HTTP certificate", () => {
  // A GKE tutorial's notebook reads both; the two ConfigMaps it mounts are made by `kubectl create configmap`.
  const dir = path.join(__dirname, '../../fixtures/realworld/kubernetes-engine-samples-elasticsearch');
  const real = (): Record<string, string> =>
    Object.fromEntries(['elasticsearch.yaml', 'jupyter.yaml'].map((f) => [`m/${f}`, readFileSync(path.join(dir, f), 'utf8')]));
  const byHand = ['books-dataset', 'notebook'].map((n) => `ConfigMap default/${n}: ConfigMap default/${n} not found (volume ${n})`);

  it('are there for a real client, from its manifests or from a recording of them', () => {
    expect(danglingOf(readAll(real()), 'notebook', 'jupyter')).toEqual(byHand);
    expect(danglingOf(asRecorded(readAll(real())), 'notebook', 'jupyter')).toEqual(byHand);
  });

  const es = (spec: string, apiVersion = 'elasticsearch.k8s.elastic.co/v1') => `---
apiVersion: ${apiVersion}
kind: Elasticsearch
metadata: { name: logs, namespace: shop }
spec: { version: 8.11.4, nodeSets: [{ name: main, count: 1 }]${spec} }
`;
  const client = (key: string) =>
    mountingDeployment(
      '[{ name: certs, mountPath: /certs }]',
      '[{ name: certs, secret: { secretName: logs-es-http-certs-public, items: [{ key: ca.crt, path: ca.crt }] } }]',
    ).replace(
      'volumeMounts:',
      `env: [{ name: ES_PASSWORD, valueFrom: { secretKeyRef: { name: logs-es-elastic-user, key: ${key} } } }]
          volumeMounts:`,
    );
  const dangles = (spec: string, key = 'elastic', apiVersion?: string, recorded = false): string[] => {
    const read = readAll({ 'm/app.yaml': client(key), 'm/es.yaml': es(spec, apiVersion) });
    return danglingOf(recorded ? asRecorded(read) : read, 'api', 'api').map((d) => d.replace(/^[^:]*: /, ''));
  };

  it('hold only the keys the operator writes, and are not made when the spec turns them off or by another API', () => {
    expect(dangles('')).toEqual([]);
    expect(dangles('', 'password')).toEqual([
      'key password not among the keys Elasticsearch shop/logs makes of Secret shop/logs-es-elastic-user',
    ]);
    const off = ', auth: { disableElasticUser: true }, http: { tls: { selfSignedCertificate: { disabled: true } } }';
    const missing = ['Secret shop/logs-es-elastic-user not found', 'Secret shop/logs-es-http-certs-public not found (volume certs)'];
    expect(dangles(off)).toEqual(missing);
    expect(dangles(off, 'elastic', undefined, true)).toEqual(missing);
    expect(dangles(', http: { tls: { selfSignedCertificate: { disabled: true }, certificate: { secretName: mine } } }')).toEqual([]);
    expect(dangles('', 'elastic', 'example.com/v1')).toEqual(missing);
  });
});
