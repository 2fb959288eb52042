import { referencedDataObjects } from '../../../lambdas/adapters/live/eks/workload-refs';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { k8sObjectAsRead } from '../../../lambdas/core/sources/k8s-read-fields';
import { ctx, k8s, mountingDeployment } from '../../helpers/k8s-manifests';

// A second container mounting the volume `other`: the pod starts only once every container's volumes are set up.
const SIDECAR = `        - name: sidecar
          volumeMounts: [{ name: other, mountPath: /o }]
`;
const deployment = (mounts: string, volumes: string): string => mountingDeployment(mounts, volumes, SIDECAR);
const objects = `---
apiVersion: v1
kind: ConfigMap
metadata: { name: files, namespace: shop }
data: { app.properties: "a=1" }
binaryData: { logo.png: AAEC }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: shop }
data: { token: "czNjcjN0" }
`;

/** The dangling references of the container `api`, as `target: detail`. */
function dangling(mounts: string, volumes: string, more = ''): string[] {
  const r = k8s({ 'm/deploy.yaml': deployment(mounts, volumes), 'm/objects.yaml': objects + more }, { workload: 'api', container: 'api' });
  expect(r.errors).toEqual([]);
  return r.dangling.map((d) => `${d.key} | ${d.target}: ${d.detail}${d.secret ? ' (secret)' : ''}`);
}

const AT = (name: string) => `[{ name: ${name}, mountPath: /etc/app }]`;

describe("the volumes of the pod's other containers", () => {
  const INIT = `      initContainers:
        - name: init-config
          volumeMounts: [{ name: seed, mountPath: /seed }, { name: shared, mountPath: /s }]
`;
  /** The dangling references of container `api` in a pod with an init container, as `location: target`. */
  const placed = (volumes: string): string[] => {
    const manifest = mountingDeployment('[{ name: shared, mountPath: /etc/app }]', volumes, SIDECAR).replace(
      '      containers:\n',
      `${INIT}      containers:\n`,
    );
    const r = k8s({ 'm/deploy.yaml': manifest, 'm/objects.yaml': objects }, { workload: 'api', container: 'api' });
    expect(r.errors).toEqual([]);
    return r.dangling.map((d) => `${d.origin.location}: ${d.target}`);
  };

  it("are judged as the container's own: an init container's or a sidecar's missing object keeps the pod from starting", () => {
    const volumes =
      '[{ name: seed, configMap: { name: seed } }, { name: shared, configMap: { name: files } }, { name: other, secret: { secretName: gone } }]';
    expect(placed(volumes)).toEqual([
      'Deployment shop/api container init-config: ConfigMap shop/seed',
      'Deployment shop/api container sidecar: Secret shop/gone',
    ]);
  });

  it('are kept by snapshot --record (an init container its name and mounts only), and read back the same', () => {
    const volumes =
      '[{ name: seed, configMap: { name: seed } }, { name: shared, configMap: { name: files } }, { name: other, secret: { secretName: gone } }]';
    const manifest = mountingDeployment('[{ name: shared, mountPath: /etc/app }]', volumes, SIDECAR).replace(
      '      containers:\n',
      `${INIT.replace('- name: init-config', '- name: init-config\n          image: busybox\n          command: [sh, -c, cp /seed/* /s]')}      containers:\n`,
    );
    const read = parseManifestText(manifest, 'deploy.yaml').map((object) => ({ file: 'deploy.yaml', object }));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    const got = (objs: typeof read) =>
      parseK8s(objs, { workload: 'api', container: 'api' }, ctx).dangling.map((d) => `${d.origin.location}: ${d.target}`);
    expect(got(asRead)).toEqual([
      'Deployment shop/api container api: ConfigMap shop/files',
      'Deployment shop/api container init-config: ConfigMap shop/seed',
      'Deployment shop/api container sidecar: Secret shop/gone',
    ]);
    expect(got(asRead)).toEqual(got(read));
    expect(JSON.stringify(asRead)).not.toMatch(/busybox|cp \/seed/);
  });

  it('are fetched by a live read, as objects only mounted', () => {
    const volumes =
      '[{ name: seed, configMap: { name: seed } }, { name: shared, configMap: { name: files } }, { name: other, secret: { secretName: gone } }]';
    const manifest = mountingDeployment('[{ name: shared, mountPath: /etc/app }]', volumes, SIDECAR).replace(
      '      containers:\n',
      `${INIT}      containers:\n`,
    );
    const [workload] = parseManifestText(manifest, 'deploy.yaml');
    const fetched = referencedDataObjects(
      { file: 'deploy.yaml', object: workload },
      { workload: 'api', container: 'api', namespace: 'shop' },
    );
    expect(fetched).toEqual([
      { kind: 'ConfigMap', name: 'files', mountedOnly: true },
      { kind: 'ConfigMap', name: 'seed', mountedOnly: true },
      { kind: 'Secret', name: 'gone', mountedOnly: true },
    ]);
  });

  it("a subPath file another container's volume lacks is that container's empty directory, not the source's finding", () => {
    const sidecar = `        - name: sidecar
          volumeMounts: [{ name: other, mountPath: /o/app.conf, subPath: app.conf }]
`;
    const manifest = mountingDeployment(
      '[{ name: v, mountPath: /etc/a, subPath: nope }]',
      '[{ name: v, configMap: { name: files } }, { name: other, configMap: { name: files } }]',
      sidecar,
    );
    const r = k8s({ 'm/deploy.yaml': manifest, 'm/objects.yaml': objects }, { workload: 'api', container: 'api' });
    expect(r.dangling.map((d) => `${d.origin.location}: ${d.target}`)).toEqual([
      'Deployment shop/api container api: ConfigMap shop/files key nope',
    ]);
  });

  it('a volume several containers mount is said once, of the container the source reads', () => {
    const volumes = '[{ name: seed, emptyDir: {} }, { name: shared, configMap: { name: gone } }, { name: other, emptyDir: {} }]';
    expect(placed(volumes)).toEqual(['Deployment shop/api container api: ConfigMap shop/gone']);
  });
});

describe('volumes the container mounts: a ConfigMap or Secret that is not there is a dangling reference', () => {
  test.each([
    [
      'a configMap volume of a missing object',
      AT('v'),
      '[{ name: v, configMap: { name: gone } }]',
      ['volume v ConfigMap shop/gone | ConfigMap shop/gone: ConfigMap shop/gone not found (volume v)'],
    ],
    [
      'a secret volume of a missing object, as a secret',
      AT('v'),
      '[{ name: v, secret: { secretName: gone } }]',
      ['volume v Secret shop/gone | Secret shop/gone: Secret shop/gone not found (volume v) (secret)'],
    ],
    [
      'projected sources, each judged',
      AT('v'),
      '[{ name: v, projected: { sources: [{ configMap: { name: files } }, { secret: { name: gone } }, { serviceAccountToken: { path: t } }] } }]',
      ['volume v Secret shop/gone | Secret shop/gone: Secret shop/gone not found (volume v) (secret)'],
    ],
    [
      'an items key the object does not hold',
      AT('v'),
      '[{ name: v, secret: { secretName: creds, items: [{ key: token, path: t }, { key: nope, path: n }] } }]',
      ['volume v Secret shop/creds | Secret shop/creds key nope: key nope not found in Secret shop/creds (volume v items) (secret)'],
    ],
    [
      'an items key in binaryData is there (a volume takes it, unlike env)',
      AT('v'),
      '[{ name: v, configMap: { name: files, items: [{ key: logo.png, path: l }] } }]',
      [],
    ],
    ['optional: a missing object', AT('v'), '[{ name: v, secret: { secretName: gone, optional: true } }]', []],
    [
      'optional: a missing items key',
      AT('v'),
      '[{ name: v, configMap: { name: files, optional: true, items: [{ key: nope, path: n }] } }]',
      [],
    ],
    [
      'optional in a projected source',
      AT('v'),
      '[{ name: v, projected: { sources: [{ configMap: { name: gone, optional: true } }] } }]',
      [],
    ],
    [
      'a volume the container does not mount: none',
      AT('v'),
      '[{ name: v, emptyDir: {} }, { name: unused, secret: { secretName: gone } }]',
      [],
    ],
    [
      "another container's volume: the pod does not start either",
      AT('v'),
      '[{ name: v, emptyDir: {} }, { name: other, secret: { secretName: gone } }]',
      ['volume other Secret shop/gone | Secret shop/gone: Secret shop/gone not found (volume other) (secret)'],
    ],
    [
      'the ConfigMap the cluster makes in every namespace',
      AT('v'),
      '[{ name: v, projected: { sources: [{ configMap: { name: kube-root-ca.crt, items: [{ key: ca.crt, path: ca.crt }] } }] } }]',
      [],
    ],
    [
      "the mesh's root CA istiod publishes in every namespace, and OpenShift's service CA bundle",
      AT('v'),
      '[{ name: v, projected: { sources: [{ configMap: { name: istio-ca-root-cert } }, { configMap: { name: openshift-service-ca.crt } }] } }]',
      [],
    ],
    [
      'a volume mounted twice is one reference',
      '[{ name: v, mountPath: /a }, { name: v, mountPath: /b }]',
      '[{ name: v, configMap: { name: gone } }]',
      ['volume v ConfigMap shop/gone | ConfigMap shop/gone: ConfigMap shop/gone not found (volume v)'],
    ],
  ])('%s', (_, mounts, volumes, expected) => {
    expect(dangling(mounts, volumes)).toEqual(expected);
  });
});

describe('subPath mounts of a key that is not there (the kubelet mounts an empty directory, not the file)', () => {
  test.each([
    [
      'a key the object lacks',
      '[{ name: v, mountPath: /etc/app.conf, subPath: app.conf }]',
      '[{ name: v, configMap: { name: files } }]',
      [
        'volume v ConfigMap shop/files | ConfigMap shop/files key app.conf: key app.conf not found in ConfigMap shop/files (subPath of the mount at /etc/app.conf: the container gets an empty directory there)',
      ],
    ],
    ['a key it holds', '[{ name: v, mountPath: /etc/a, subPath: app.properties }]', '[{ name: v, configMap: { name: files } }]', []],
    [
      'a path no item maps',
      '[{ name: v, mountPath: /t, subPath: other }]',
      '[{ name: v, secret: { secretName: creds, items: [{ key: token, path: tok }] } }]',
      [
        'volume v | volume v path other: no file other in volume v (subPath of the mount at /t: the container gets an empty directory there) (secret)',
      ],
    ],
    [
      'a directory items make',
      '[{ name: v, mountPath: /t, subPath: d }]',
      '[{ name: v, secret: { secretName: creds, items: [{ key: token, path: d/t }] } }]',
      [],
    ],
    [
      'a file another source of the projected volume may make: not judged',
      '[{ name: v, mountPath: /t, subPath: podname }]',
      '[{ name: v, projected: { sources: [{ configMap: { name: files } }, { downwardAPI: { items: [{ path: podname, fieldRef: { fieldPath: metadata.name } }] } }] } }]',
      [],
    ],
    [
      'of a missing object: the object alone',
      '[{ name: v, mountPath: /t, subPath: x }]',
      '[{ name: v, configMap: { name: gone } }]',
      ['volume v ConfigMap shop/gone | ConfigMap shop/gone: ConfigMap shop/gone not found (volume v)'],
    ],
    [
      'subPathExpr: depends on the pod, not judged',
      '[{ name: v, mountPath: /t, subPathExpr: $(POD) }]',
      '[{ name: v, configMap: { name: files } }]',
      [],
    ],
  ])('%s', (_, mounts, volumes, expected) => {
    expect(dangling(mounts, volumes)).toEqual(expected);
  });
});

describe('as envFrom: an object the manifests do not hold but something makes is no dangling reference', () => {
  test('a Secret an ExternalSecret makes: its keys are judged against those it names', () => {
    const external = `---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: { name: db, namespace: shop }
spec: { data: [{ secretKey: password }] }
`;
    const volumes = '[{ name: v, secret: { secretName: db, items: [{ key: password, path: p }, { key: user, path: u }] } }]';
    expect(dangling(AT('v'), volumes, external)).toEqual([
      'volume v Secret shop/db | Secret shop/db key user: key user not among the keys ExternalSecret shop/db makes of Secret shop/db (volume v items) (secret)',
    ]);
  });

  test('a ConfigMap a kustomization generates: the source error saying it is not rendered, once', () => {
    // What the manifests reader makes of a kustomization.yaml (k8s-manifest's kustomizationObjects).
    const kustomization = {
      'm/kustomization.yaml': 'kind: Kustomization\nmetadata: { name: m/kustomization.yaml }\nconfigMapGenerator: [{ name: gen }]\n',
    };
    const r = k8s(
      {
        'm/deploy.yaml': deployment(
          '[{ name: v, mountPath: /a }, { name: w, mountPath: /b }]',
          '[{ name: v, configMap: { name: gen } }, { name: w, configMap: { name: gen } }]',
        ),
        ...kustomization,
      },
      { workload: 'api', container: 'api' },
    );
    expect(r.dangling).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/ConfigMap shop\/gen is made by its configMapGenerator/);
  });
});

describe('volumes beside a manifest that could not be read', () => {
  // The reader counts a manifest (or a document of one) it could not read: the source's error says which.
  const beside = { workload: 'api', container: 'api', unreadable: 1 };

  it('take an absent object for unknown (it may be in what could not be read), as env references do', () => {
    const r = k8s(
      { 'm/deploy.yaml': deployment(AT('v'), '[{ name: v, secret: { secretName: gone } }]'), 'm/objects.yaml': objects },
      beside,
    );
    expect(r.dangling).toEqual([]);
  });

  it('still judge the objects read: a key the Secret read lacks', () => {
    const volume = '[{ name: v, secret: { secretName: creds, items: [{ key: nope, path: n }] } }]';
    const r = k8s({ 'm/deploy.yaml': deployment(AT('v'), volume), 'm/objects.yaml': objects }, beside);
    expect(r.dangling.map((d) => d.target)).toEqual(['Secret shop/creds key nope']);
  });
});

describe('a Secret a cert-manager Certificate makes', () => {
  const certificate = (apiVersion: string, extra = '') => `---
apiVersion: ${apiVersion}
kind: Certificate
metadata: { name: api, namespace: shop }
spec: { secretName: api-tls, issuerRef: { name: letsencrypt }${extra} }
`;
  const mounted = (items = '') => `[{ name: tls, secret: { secretName: api-tls${items} } }]`;

  it('is there: mounted whole, or by the keys it holds, it is no dangling reference', () => {
    expect(dangling(AT('tls'), mounted(), certificate('cert-manager.io/v1'))).toEqual([]);
    expect(
      dangling(AT('tls'), mounted(', items: [{ key: tls.crt, path: c }, { key: ca.crt, path: a }]'), certificate('cert-manager.io/v1')),
    ).toEqual([]);
    const keystores = ', keystores: { pkcs12: { create: true } }';
    expect(dangling(AT('tls'), mounted(', items: [{ key: keystore.p12, path: k }]'), certificate('cert-manager.io/v1', keystores))).toEqual(
      [],
    );
  });

  it('is kept by snapshot --record as far as it is read, and read back the same', () => {
    const keystores = ', keystores: { jks: { create: true, passwordSecretRef: { name: pw, key: p } } }';
    const files = {
      'm/deploy.yaml': deployment(AT('tls'), mounted(', items: [{ key: truststore.jks, path: t }]')),
      'm/objects.yaml': objects + certificate('cert-manager.io/v1', keystores),
    };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    const opts = { workload: 'api', container: 'api' };
    expect(parseK8s(asRead, opts, ctx).dangling).toEqual([]);
    expect(parseK8s(read, opts, ctx).dangling).toEqual([]);
  });

  it("lacks a key it never holds, and another API's Certificate makes nothing", () => {
    expect(dangling(AT('tls'), mounted(', items: [{ key: tls.cert, path: c }]'), certificate('cert-manager.io/v1'))).toEqual([
      'volume tls Secret shop/api-tls | Secret shop/api-tls key tls.cert: key tls.cert not among the keys Certificate shop/api makes of Secret shop/api-tls (volume tls items) (secret)',
    ]);
    expect(dangling(AT('tls'), mounted(), certificate('acm.services.k8s.aws/v1alpha1'))).toEqual([
      'volume tls Secret shop/api-tls | Secret shop/api-tls: Secret shop/api-tls not found (volume tls) (secret)',
    ]);
  });
});

describe('a Secret a Crossplane claim or managed resource writes its connection details to', () => {
  const claim = (namespace = '') => `---
apiVersion: database.example.org/v1alpha1
kind: PostgreSQLInstance
metadata: { name: orders-db, namespace: shop }
spec:
  parameters: { storageGB: 20 }
  writeConnectionSecretToRef: { name: orders-db-conn${namespace} }
`;
  const mounted = (items = '') => `[{ name: db, secret: { secretName: orders-db-conn${items} } }]`;

  it('is there, whatever keys it is asked for (they depend on the resource), and kept by snapshot --record', () => {
    expect(dangling(AT('db'), mounted(', items: [{ key: endpoint, path: e }]'), claim())).toEqual([]);
    const files = { 'm/deploy.yaml': deployment(AT('db'), mounted()), 'm/objects.yaml': objects + claim() };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    expect(parseK8s(asRead, { workload: 'api', container: 'api' }, ctx).dangling).toEqual([]);
    expect(JSON.stringify(asRead)).not.toContain('storageGB');
  });

  it("in another namespace than the workload's, is not the workload's", () => {
    expect(dangling(AT('db'), mounted(), claim(', namespace: billing'))).toEqual([
      'volume db Secret shop/orders-db-conn | Secret shop/orders-db-conn: Secret shop/orders-db-conn not found (volume db) (secret)',
    ]);
  });
});

describe('a Secret the Vault Secrets Operator or the 1Password operator makes', () => {
  const vault = (create: boolean) => `---
apiVersion: secrets.hashicorp.com/v1beta1
kind: VaultStaticSecret
metadata: { name: api-vault, namespace: shop }
spec: { mount: kv, path: api/config, type: kv-v2, destination: { name: api-from-vault, create: ${create} } }
`;
  const onePassword = `---
apiVersion: onepassword.com/v1
kind: OnePasswordItem
metadata: { name: api-from-1password, namespace: shop }
spec: { itemPath: vaults/prod/items/api }
`;
  const mounted = (name: string) => `[{ name: s, secret: { secretName: ${name}, items: [{ key: token, path: t }] } }]`;
  const asRead = (volume: string, more: string) => {
    const files = { 'm/deploy.yaml': deployment(AT('s'), volume), 'm/objects.yaml': objects + more };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    return parseK8s(
      read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) })),
      { workload: 'api', container: 'api' },
      ctx,
    ).dangling;
  };

  it('is there when the operator creates it, read from the manifests or from a recording of them', () => {
    expect(dangling(AT('s'), mounted('api-from-vault'), vault(true))).toEqual([]);
    expect(asRead(mounted('api-from-vault'), vault(true))).toEqual([]);
    expect(dangling(AT('s'), mounted('api-from-1password'), onePassword)).toEqual([]);
    expect(asRead(mounted('api-from-1password'), onePassword)).toEqual([]);
  });

  it('is not made by a VaultStaticSecret that writes into a Secret it does not create', () => {
    expect(dangling(AT('s'), mounted('api-from-vault'), vault(false))).toEqual([
      'volume s Secret shop/api-from-vault | Secret shop/api-from-vault: Secret shop/api-from-vault not found (volume s) (secret)',
    ]);
  });
});

describe('a Secret of type kubernetes.io/service-account-token (the token controller fills token, ca.crt and namespace)', () => {
  const tokenSecret = `---
apiVersion: v1
kind: Secret
metadata: { name: agent-token, namespace: shop, annotations: { kubernetes.io/service-account.name: agent } }
type: kubernetes.io/service-account-token
`;

  it('holds the keys the cluster writes into it: its items and subPath mounts are no dangling reference', () => {
    const volumes = '[{ name: v, secret: { secretName: agent-token, items: [{ key: token, path: t }, { key: ca.crt, path: ca.crt }] } }]';
    expect(dangling(AT('v'), volumes, tokenSecret)).toEqual([]);
    expect(
      dangling('[{ name: v, mountPath: /ns, subPath: namespace }]', '[{ name: v, secret: { secretName: agent-token } }]', tokenSecret),
    ).toEqual([]);
  });

  it('lacks any other key, and an Opaque Secret gets none of them', () => {
    const volumes = '[{ name: v, secret: { secretName: agent-token, items: [{ key: password, path: p }] } }]';
    expect(dangling(AT('v'), volumes, tokenSecret)).toEqual([
      'volume v Secret shop/agent-token | Secret shop/agent-token key password: key password not found in Secret shop/agent-token (volume v items) (secret)',
    ]);
    const opaque = tokenSecret.replace('type: kubernetes.io/service-account-token', 'type: Opaque');
    expect(dangling(AT('v'), '[{ name: v, secret: { secretName: agent-token, items: [{ key: token, path: t }] } }]', opaque)).toHaveLength(
      1,
    );
  });

  it('is kept by snapshot --record with its type, and read back the same', () => {
    const volumes = '[{ name: v, secret: { secretName: agent-token, items: [{ key: token, path: t }] } }]';
    const files = { 'm/deploy.yaml': deployment(AT('v'), volumes), 'm/objects.yaml': objects + tokenSecret };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    expect(parseK8s(asRead, { workload: 'api', container: 'api' }, ctx).dangling).toEqual([]);
  });

  it('gives env its token through secretKeyRef: unknown, not missing', () => {
    const env = deployment('[]', '[]').replace(
      'volumeMounts: []',
      'env: [{ name: KUBE_TOKEN, valueFrom: { secretKeyRef: { name: agent-token, key: token } } }]\n          volumeMounts: []',
    );
    const r = k8s({ 'm/deploy.yaml': env, 'm/objects.yaml': objects + tokenSecret }, { workload: 'api', container: 'api' });
    expect(r.errors).toEqual([]);
    expect(r.dangling).toEqual([]);
  });
});

describe("a Secret a kube-webhook-certgen Job's create makes (ingress-nginx's admission webhook certificate)", () => {
  // As ingress-nginx's deploy/static/provider/cloud/deploy.yaml writes it.
  const job = (args: string, image = 'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v20220916-gd32f8c343@sha256:39c5b2e3') => `---
apiVersion: batch/v1
kind: Job
metadata: { name: admission-create, namespace: shop }
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: create
          image: ${image}
          args: ${args}
          env: [{ name: POD_NAMESPACE, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }]
`;
  const create = '[create, "--host=admission,admission.$(POD_NAMESPACE).svc", "--namespace=$(POD_NAMESPACE)", --secret-name=admission]';
  const mounted = (items = '') => `[{ name: cert, secret: { secretName: admission${items} } }]`;

  it('is there, with the ca, cert and key it writes (or the names its flags give them)', () => {
    expect(dangling(AT('cert'), mounted(), job(create))).toEqual([]);
    expect(
      dangling(AT('cert'), mounted(', items: [{ key: cert, path: c }, { key: key, path: k }, { key: ca, path: a }]'), job(create)),
    ).toEqual([]);
    const renamed = '[create, --secret-name, admission, --cert-name=tls.crt, --key-name=tls.key]';
    expect(dangling(AT('cert'), mounted(', items: [{ key: tls.crt, path: c }]'), job(renamed))).toEqual([]);
  });

  it('lacks any other key; its patch, another image, or another namespace makes nothing', () => {
    expect(dangling(AT('cert'), mounted(', items: [{ key: tls.crt, path: c }]'), job(create))).toEqual([
      'volume cert Secret shop/admission | Secret shop/admission key tls.crt: key tls.crt not among the keys Job shop/admission-create makes of Secret shop/admission (volume cert items) (secret)',
    ]);
    const missing = ['volume cert Secret shop/admission | Secret shop/admission: Secret shop/admission not found (volume cert) (secret)'];
    expect(dangling(AT('cert'), mounted(), job('[patch, --webhook-name=admission, --secret-name=admission]'))).toEqual(missing);
    expect(dangling(AT('cert'), mounted(), job(create, 'busybox:1.36'))).toEqual(missing);
    expect(dangling(AT('cert'), mounted(), job('[create, --namespace=other, --secret-name=admission]'))).toEqual(missing);
  });

  it('is kept by snapshot --record (the image and the flags naming it, no other command line), and read back the same', () => {
    const files = {
      'm/deploy.yaml': deployment(AT('cert'), mounted(', items: [{ key: cert, path: c }]')),
      'm/objects.yaml': objects + job(create),
    };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    expect(parseK8s(asRead, { workload: 'api', container: 'api' }, ctx).dangling).toEqual([]);
    expect(JSON.stringify(asRead)).not.toContain('--host');
  });
});

describe('the Secrets a CloudNativePG Cluster has its operator make', () => {
  const cluster = (spec = '', apiVersion = 'postgresql.cnpg.io/v1') => `---
apiVersion: ${apiVersion}
kind: Cluster
metadata: { name: pg, namespace: shop }
spec: { instances: 3, storage: { size: 1Gi }${spec} }
`;
  const mounted = (name: string, items = '') => `[{ name: db, secret: { secretName: ${name}${items} } }]`;
  const missing = (name: string) => [
    `volume db Secret shop/${name} | Secret shop/${name}: Secret shop/${name} not found (volume db) (secret)`,
  ];

  it("are there: the app user's (any key) and the CA's, server's and replication certificates'", () => {
    expect(dangling(AT('db'), mounted('pg-app', ', items: [{ key: uri, path: uri }]'), cluster())).toEqual([]);
    expect(dangling(AT('db'), mounted('pg-ca', ', items: [{ key: ca.crt, path: ca.crt }]'), cluster())).toEqual([]);
    expect(dangling(AT('db'), mounted('pg-replication'), cluster('', 'postgresql.k8s.enterprisedb.io/v1'))).toEqual([]);
    expect(dangling(AT('db'), mounted('pg-superuser'), cluster(', enableSuperuserAccess: true'))).toEqual([]);
  });

  it('are not made where the spec gives its own, nor by another API, and lack keys a certificate never holds', () => {
    expect(dangling(AT('db'), mounted('pg-app'), cluster(', bootstrap: { initdb: { database: app, secret: { name: mine } } }'))).toEqual(
      missing('pg-app'),
    );
    expect(dangling(AT('db'), mounted('pg-superuser'), cluster())).toEqual(missing('pg-superuser'));
    expect(dangling(AT('db'), mounted('pg-server'), cluster(', certificates: { serverTLSSecret: tls, serverCASecret: ca }'))).toEqual(
      missing('pg-server'),
    );
    expect(dangling(AT('db'), mounted('pg-app'), cluster('', 'cluster.x-k8s.io/v1beta1'))).toEqual(missing('pg-app'));
    expect(dangling(AT('db'), mounted('pg-ca', ', items: [{ key: tls.crt, path: t }]'), cluster())).toEqual([
      'volume db Secret shop/pg-ca | Secret shop/pg-ca key tls.crt: key tls.crt not among the keys Cluster shop/pg makes of Secret shop/pg-ca (volume db items) (secret)',
    ]);
  });

  it('are kept by snapshot --record as far as they are read, and read back the same', () => {
    const spec = ', bootstrap: { recovery: { source: old, secret: { name: mine } } }, certificates: { serverTLSSecret: tls }';
    for (const [name, expected] of [
      ['pg-app', missing('pg-app')],
      ['pg-server', missing('pg-server')],
      ['pg-replication', []],
    ] as const) {
      const files = { 'm/deploy.yaml': deployment(AT('db'), mounted(name)), 'm/objects.yaml': objects + cluster(spec) };
      const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
      const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
      const got = (objs: typeof read) => parseK8s(objs, { workload: 'api', container: 'api' }, ctx).dangling.map((d) => d.detail);
      expect(got(asRead)).toEqual(got(read));
      expect(got(read)).toHaveLength(expected.length);
    }
  });
});

describe("the Secrets Strimzi makes: a Kafka's CA certificates, a KafkaUser's credentials", () => {
  const strimzi = (kind: string, name: string, spec = '{}', apiVersion = 'kafka.strimzi.io/v1beta2') => `---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: { name: ${name}, namespace: shop }
spec: ${spec}
`;
  const volumes =
    '[{ name: kafka, projected: { sources: [{ secret: { name: events-cluster-ca-cert, items: [{ key: ca.crt, path: ca.crt }] } }, { secret: { name: orders } }] } }]';
  const made = strimzi('Kafka', 'events') + strimzi('KafkaUser', 'orders', '{ authentication: { type: tls } }');

  it('are there, whatever keys they are asked for', () => {
    expect(dangling(AT('kafka'), volumes, made)).toEqual([]);
  });

  it("are not made for a CA of the user's own, nor by another API's objects of those kinds", () => {
    const own = strimzi('Kafka', 'events', '{ clusterCa: { generateCertificateAuthority: false } }');
    expect(dangling(AT('kafka'), volumes, own + strimzi('KafkaUser', 'orders')).map((d) => d.split(' | ')[1])).toEqual([
      'Secret shop/events-cluster-ca-cert: Secret shop/events-cluster-ca-cert not found (volume kafka) (secret)',
    ]);
    const other = strimzi('Kafka', 'events', '{}', 'example.com/v1') + strimzi('KafkaUser', 'orders', '{}', 'example.com/v1');
    expect(dangling(AT('kafka'), volumes, other)).toHaveLength(2);
  });

  it('are kept by snapshot --record as far as they are read, and read back the same', () => {
    const own = strimzi('Kafka', 'events', '{ clusterCa: { generateCertificateAuthority: false } }') + strimzi('KafkaUser', 'orders');
    const files = { 'm/deploy.yaml': deployment(AT('kafka'), volumes), 'm/objects.yaml': objects + own };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    const got = (objs: typeof read) => parseK8s(objs, { workload: 'api', container: 'api' }, ctx).dangling.map((d) => d.target);
    expect(got(asRead)).toEqual(['Secret shop/events-cluster-ca-cert']);
    expect(got(read)).toEqual(got(asRead));
  });
});

describe('the ConfigMap or Secret a trust-manager Bundle writes its CA bundle to, in every namespace', () => {
  const bundle = (target: string, apiVersion = 'trust.cert-manager.io/v1alpha1') => `---
apiVersion: ${apiVersion}
kind: Bundle
metadata: { name: local-bundle }
spec: { sources: [{ useDefaultCAs: true }], target: ${target} }
`;
  const target = '{ configMap: { key: trust-bundle.pem }, additionalFormats: { jks: { key: bundle.jks } } }';
  const volume = (kind: string, items: string) =>
    kind === 'configMap'
      ? `[{ name: ca, projected: { sources: [{ configMap: { name: local-bundle, items: ${items} } }] } }]`
      : `[{ name: ca, secret: { secretName: local-bundle, items: ${items} } }]`;

  it('is there, with the keys it writes', () => {
    expect(
      dangling(
        AT('ca'),
        volume('configMap', '[{ key: trust-bundle.pem, path: ca.pem }, { key: bundle.jks, path: ca.jks }]'),
        bundle(target),
      ),
    ).toEqual([]);
    expect(dangling(AT('ca'), volume('secret', '[{ key: ca.pem, path: ca.pem }]'), bundle('{ secret: { key: ca.pem } }'))).toEqual([]);
  });

  it('lacks a key it does not write, and makes nothing of a kind it does not target or from another API', () => {
    expect(dangling(AT('ca'), volume('configMap', '[{ key: ca.crt, path: ca.pem }]'), bundle(target))).toEqual([
      'volume ca ConfigMap shop/local-bundle | ConfigMap shop/local-bundle key ca.crt: key ca.crt not among the keys Bundle shop/local-bundle makes of ConfigMap shop/local-bundle (volume ca items)',
    ]);
    expect(dangling(AT('ca'), volume('secret', '[{ key: trust-bundle.pem, path: p }]'), bundle(target))).toEqual([
      'volume ca Secret shop/local-bundle | Secret shop/local-bundle: Secret shop/local-bundle not found (volume ca) (secret)',
    ]);
    expect(dangling(AT('ca'), volume('configMap', '[{ key: trust-bundle.pem, path: p }]'), bundle(target, 'example.com/v1'))).toHaveLength(
      1,
    );
  });

  it('is there for env too: a key it writes is a value the manifests do not hold, one it does not write dangles', () => {
    const deploy = mountingDeployment('[]', '[]').replace(
      '          volumeMounts: []\n',
      `          envFrom: [{ configMapRef: { name: local-bundle }, prefix: CA_ }]
          env:
            - { name: BUNDLE, valueFrom: { configMapKeyRef: { name: local-bundle, key: trust-bundle.pem } } }
            - { name: NOPE, valueFrom: { configMapKeyRef: { name: local-bundle, key: ca.crt } } }
`,
    );
    const r = k8s({ 'm/deploy.yaml': deploy, 'm/objects.yaml': objects + bundle(target) }, { workload: 'api', container: 'api' });
    expect(r.errors).toEqual([]);
    const reason = 'made by Bundle shop/local-bundle: not in the manifests';
    const env = r.observations.filter((o) => !o.key.startsWith('runtime.'));
    expect(env.map((o) => [o.rawKey, o.value])).toEqual([
      ['CA_trust-bundle.pem', { kind: 'opaque', reason }],
      ['CA_bundle.jks', { kind: 'opaque', reason }],
      ['BUNDLE', { kind: 'opaque', reason }],
    ]);
    expect(r.dangling.map((d) => `${d.target}: ${d.detail}${d.secret ? ' (secret)' : ''}`)).toEqual([
      'ConfigMap shop/local-bundle key ca.crt: key ca.crt not among the keys Bundle shop/local-bundle makes of ConfigMap shop/local-bundle',
    ]);
  });

  it('is kept by snapshot --record as far as it is read, and read back the same', () => {
    const files = {
      'm/deploy.yaml': deployment(AT('ca'), volume('configMap', '[{ key: bundle.jks, path: p }, { key: nope, path: n }]')),
      'm/objects.yaml': objects + bundle(target),
    };
    const read = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = read.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    const got = (objs: typeof read) => parseK8s(objs, { workload: 'api', container: 'api' }, ctx).dangling.map((d) => d.target);
    expect(got(asRead)).toEqual(['ConfigMap shop/local-bundle key nope']);
    expect(got(read)).toEqual(got(asRead));
  });
});
