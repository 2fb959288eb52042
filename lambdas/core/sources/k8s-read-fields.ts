import { WORKLOAD_APIS, WORKLOAD_KINDS } from './k8s-objects';
import { listOf, pick, type Fields } from './read-fields';
import { certgenCommand } from './k8s-webhook-certgen';
import { startedCommand } from './k8s-started-secrets';
import { SERVING_CERT_ANNOTATIONS } from './k8s-secret-producers';
import { INJECT_SERVICE_CA, INJECT_TRUSTED_CA } from './k8s-data';
import { isRecord, type Rec } from './shape';

// What parseK8s reads, declared once: `drift snapshot --record` writes these fields only, so a
// command line (but the words and flags by which a container makes a Secret), an init container's
// env, a Pod's spec, a workload's label or a trigger's settings never reach a recording. (References
// are kept whole: they name objects, never hold values.) Of a Pod only its labels (the workload's
// selector picks it) and start times are kept.
const ANNOTATIONS: Fields = {
  'deployment.kubernetes.io/revision': true,
  'drift.dev/modified-at': true,
  'drift.dev/modified-by': true,
  'autoscaling.keda.sh/paused': true,
  // The name of the Secret OpenShift's service CA writes a Service's serving certificate to (k8s-secret-producers).
  ...Object.fromEntries(SERVING_CERT_ANNOTATIONS.map((a) => [a, true])),
  // Which CA bundle OpenShift injects into a ConfigMap (k8s-data).
  ...Object.fromEntries(INJECT_SERVICE_CA.map((a) => [a, true])),
};
const METADATA: Fields = {
  name: true,
  namespace: true,
  generation: true,
  resourceVersion: true,
  annotations: (v) => pick(v, ANNOTATIONS),
  managedFields: listOf({ time: true, manager: true, subresource: true, fieldsV1: (v) => ownedFields(v, 0) }),
};
/** Deeper than any path fieldMeta follows (a CronJob's variable is 13 steps down): what lies below is never read. */
const MAX_FIELD_DEPTH = 24;

/**
 * Of a managedFields entry's fieldsV1, only the branches fieldMeta follows to date a value by its own
 * writer: those that lead to a container's `f:env` and an object's `f:data`, with the names they own
 * (`k:{"name":"DB_TIMEOUT"}`, `f:LOG_LEVEL`) and nothing under them. Names only: a set's members
 * (`v:…`), which are values, and every other field a manager owns are left out.
 */
function ownedFields(v: unknown, depth: number): Rec | undefined {
  if (!isRecord(v) || depth > MAX_FIELD_DEPTH) return undefined;
  let kept: Rec | undefined;
  for (const [k, sub] of Object.entries(v)) {
    const owned = k === 'f:env' || k === 'f:data' ? namesOwned(sub) : k.startsWith('v:') ? undefined : ownedFields(sub, depth + 1);
    if (owned !== undefined) (kept ??= {})[k] = owned;
  }
  return kept;
}

const namesOwned = (v: unknown): Rec | undefined =>
  isRecord(v)
    ? Object.fromEntries(
        Object.keys(v)
          .filter((k) => !k.startsWith('v:'))
          .map((k) => [k, {}]),
      )
    : undefined;

const QUANTITIES = (v: unknown) => pick(v, { cpu: true, memory: true });
const VOLUME_MOUNTS = listOf({ name: true, mountPath: true, subPath: true, subPathExpr: true });
const CONTAINER: Fields = {
  name: true,
  env: listOf({ name: true, value: true, valueFrom: true }),
  envFrom: listOf({ configMapRef: true, secretRef: true, prefix: true }),
  volumeMounts: VOLUME_MOUNTS,
  resources: (v) => pick(v, { requests: QUANTITIES, limits: QUANTITIES }),
};
const VOLUME: Fields = { name: true, configMap: true, secret: true, projected: true };
/** Containers as read; a kube-webhook-certgen `create` keeps its image and the flags naming the Secret it makes. */
function containersAsRead(v: unknown): unknown {
  const kept = listOf(CONTAINER)(v);
  if (!Array.isArray(v) || !Array.isArray(kept)) return kept;
  return kept.map((c: unknown, i) => {
    if (!isRecord(c)) return c;
    // Both keep words of the command line: a container that matched both keeps the two lists.
    const args = [...(certgenCommand(v[i]).args ?? []), ...(startedCommand(v[i]).args ?? [])];
    return { ...c, ...certgenCommand(v[i]), ...(args.length ? { args } : {}) };
  });
}
const INIT_CONTAINER: Fields = { name: true, volumeMounts: VOLUME_MOUNTS };
/**
 * Of init containers, what the reader judges: the volumes each mounts (the pod starts only once they are set up), and
 * the words by which one creates a Secret as it starts (k8s-started-secrets); none that does neither.
 */
function initContainersAsRead(v: unknown): unknown {
  const kept = Array.isArray(v)
    ? v.flatMap((c) => {
        if (!isRecord(c)) return [];
        const read: Rec = { ...pick(c, INIT_CONTAINER), ...startedCommand(c) };
        return read.volumeMounts !== undefined || read.args !== undefined ? [read] : [];
      })
    : [];
  return kept.length > 0 ? kept : undefined;
}
const WORKLOAD_SPEC: Fields = {
  replicas: true,
  selector: true,
  // Volumes name the ConfigMaps and Secrets a subPath mount copies; their other sources hold no values either.
  template: (t) =>
    pick(t, { spec: (s) => pick(s, { initContainers: initContainersAsRead, containers: containersAsRead, volumes: listOf(VOLUME) }) }),
};
/** A workload's spec as read: WORKLOAD_SPEC where its pod template is (a CronJob's under `jobTemplate.spec`). */
function workloadSpec(template: readonly string[]): Fields {
  const [step, ...rest] = template;
  return step === 'template' || step === undefined ? WORKLOAD_SPEC : { [step]: (v: unknown) => pick(v, workloadSpec(rest)) };
}
const SCALE_TARGET = (v: unknown) => pick(v, { kind: true, name: true });

/** Only the key names of `binaryData`: the parser asks whether a key is there, never what it holds. */
const keysOnly = (v: unknown): unknown => (isRecord(v) ? Object.fromEntries(Object.keys(v).map((k) => [k, ''])) : v);

/** Whether a mapping is there, without what it holds (a template may hold values). */
const presenceOnly = (v: unknown): unknown => (isRecord(v) ? {} : v);

const BODY: Record<string, Fields> = {
  ...Object.fromEntries(WORKLOAD_KINDS.map((k) => [k, { spec: (v: unknown) => pick(v, workloadSpec(WORKLOAD_APIS[k].template)) }])),
  ConfigMap: {
    metadata: (v) => pick(v, { ...METADATA, labels: (l) => pick(l, { [INJECT_TRUSTED_CA]: true }) }),
    data: true,
    binaryData: keysOnly,
  },
  // A Secret's type says which keys the cluster writes into it (a service account token's).
  Secret: { type: true, data: true, stringData: true },
  HorizontalPodAutoscaler: { spec: (v) => pick(v, { scaleTargetRef: SCALE_TARGET, minReplicas: true, maxReplicas: true }) },
  ScaledObject: { spec: (v) => pick(v, { scaleTargetRef: SCALE_TARGET, minReplicaCount: true, maxReplicaCount: true }) },
  // What makes a Secret git does not hold (k8s-secret-producers): its target and key names, never a value or ciphertext.
  ExternalSecret: {
    spec: (v) =>
      pick(v, {
        target: (t) => pick(t, { name: true, template: presenceOnly }),
        data: listOf({ secretKey: true }),
        dataFrom: listOf({}),
      }),
  },
  // A kustomization read beside the manifests (k8s-kustomize): the names of what it generates.
  Kustomization: {
    namespace: true,
    configMapGenerator: listOf({ name: true, namespace: true }),
    secretGenerator: listOf({ name: true, namespace: true }),
  },
  SecretProviderClass: {
    spec: (v) => pick(v, { secretObjects: listOf({ secretName: true, data: listOf({ key: true }) }) }),
  },
  Certificate: {
    spec: (v) =>
      pick(v, {
        secretName: true,
        keystores: (k) => pick(k, { jks: presenceOnly, pkcs12: presenceOnly }),
        additionalOutputFormats: listOf({ type: true }),
      }),
  },
  ...Object.fromEntries(
    ['VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret'].map((kind) => [
      kind,
      { spec: (v: unknown) => pick(v, { destination: (d) => pick(d, { name: true, create: true }) }) },
    ]),
  ),
  OnePasswordItem: {},
  // OpenShift's service CA: a Service's annotations (METADATA) name the Secret it is given.
  Service: {},
  // trust-manager: where a Bundle writes its CA bundle, and under which keys.
  Bundle: {
    spec: (v) =>
      pick(v, {
        target: (t) =>
          pick(t, {
            configMap: (c) => pick(c, { key: true }),
            secret: (c) => pick(c, { key: true }),
            additionalFormats: (f) => pick(f, { jks: (j) => pick(j, { key: true }), pkcs12: (j) => pick(j, { key: true }) }),
          }),
      }),
  },
  // Strimzi: whether a Kafka's CAs are the operator's (it then makes their Secrets); a KafkaUser's name is enough.
  Kafka: {
    spec: (v) =>
      pick(v, {
        clusterCa: (c) => pick(c, { generateCertificateAuthority: true }),
        clientsCa: (c) => pick(c, { generateCertificateAuthority: true }),
      }),
  },
  KafkaUser: {},
  // ECK: whether an Elasticsearch's operator makes its elastic user's and public HTTP certificate's Secrets.
  Elasticsearch: {
    spec: (v) =>
      pick(v, {
        auth: (a) => pick(a, { disableElasticUser: true }),
        http: (h) =>
          pick(h, {
            tls: (t) =>
              pick(t, { selfSignedCertificate: (c) => pick(c, { disabled: true }), certificate: (c) => pick(c, { secretName: true }) }),
          }),
      }),
  },
  // CloudNativePG: what says which Secrets its operator makes (another API's Cluster has none of these fields).
  Cluster: {
    spec: (v) =>
      pick(v, {
        enableSuperuserAccess: true,
        superuserSecret: (r) => pick(r, { name: true }),
        bootstrap: (b) =>
          pick(
            b,
            Object.fromEntries(
              ['initdb', 'recovery', 'pg_basebackup'].map((how) => [
                how,
                (i: unknown) => pick(i, { secret: (r) => pick(r, { name: true }) }),
              ]),
            ),
          ),
        certificates: (c) => pick(c, { serverCASecret: true, serverTLSSecret: true, replicationTLSSecret: true }),
      }),
  },
  SealedSecret: {
    spec: (v) =>
      pick(v, { encryptedData: keysOnly, template: (t) => pick(t, { metadata: (m) => pick(m, { name: true }), data: keysOnly }) }),
  },
  Pod: {
    metadata: (v) => pick(v, { ...METADATA, labels: true }),
    status: (v) =>
      pick(v, {
        phase: true,
        startTime: true,
        containerStatuses: listOf({ name: true, state: (st) => pick(st, { running: (r) => pick(r, { startedAt: true }) }) }),
      }),
  },
};

/** A Crossplane claim or managed resource, of any kind: where it writes its connection Secret (k8s-secret-producers). */
const CONNECTION_SECRET_WRITER: Fields = {
  spec: (v) => pick(v, { writeConnectionSecretToRef: (r) => pick(r, { name: true, namespace: true }) }),
};
const writesConnectionSecret = (object: Rec): boolean => isRecord(object.spec) && isRecord(object.spec.writeConnectionSecretToRef);

/**
 * A Kubernetes object with only what parseK8s reads of it; undefined for a kind it never reads.
 * Read in place of the original, it gives the same observations and errors.
 */
export function k8sObjectAsRead(object: unknown): Rec | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string') return undefined;
  const body = BODY[object.kind] ?? (writesConnectionSecret(object) ? CONNECTION_SECRET_WRITER : undefined);
  if (!body) return undefined;
  return { ...pick(object, { apiVersion: true, kind: true, metadata: (v) => pick(v, METADATA) }), ...pick(object, body) };
}
