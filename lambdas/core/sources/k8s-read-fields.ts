import { WORKLOAD_APIS, WORKLOAD_KINDS } from './k8s-objects';
import { listOf, pick, type Fields } from './read-fields';
import { isRecord, type Rec } from './shape';

// What parseK8s reads, declared once: `drift snapshot --record` writes these fields only, so a
// command line, an init container, a Pod's spec, a workload's label or a trigger's
// settings never reach a recording. (References are kept whole: they name objects, never hold
// values.) Of a Pod only its labels (the workload's selector picks it) and start times are kept.
const ANNOTATIONS: Fields = {
  'deployment.kubernetes.io/revision': true,
  'drift.dev/modified-at': true,
  'drift.dev/modified-by': true,
  'autoscaling.keda.sh/paused': true,
};
const METADATA: Fields = {
  name: true,
  namespace: true,
  generation: true,
  resourceVersion: true,
  annotations: (v) => pick(v, ANNOTATIONS),
  managedFields: listOf({ time: true, manager: true, subresource: true }),
};
const QUANTITIES = (v: unknown) => pick(v, { cpu: true, memory: true });
const CONTAINER: Fields = {
  name: true,
  env: listOf({ name: true, value: true, valueFrom: true }),
  envFrom: listOf({ configMapRef: true, secretRef: true, prefix: true }),
  volumeMounts: listOf({ name: true, mountPath: true, subPath: true, subPathExpr: true }),
  resources: (v) => pick(v, { requests: QUANTITIES, limits: QUANTITIES }),
};
const VOLUME: Fields = { name: true, configMap: true, secret: true, projected: true };
const WORKLOAD_SPEC: Fields = {
  replicas: true,
  selector: true,
  // Volumes name the ConfigMaps and Secrets a subPath mount copies; their other sources hold no values either.
  template: (t) => pick(t, { spec: (s) => pick(s, { containers: listOf(CONTAINER), volumes: listOf(VOLUME) }) }),
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
  ConfigMap: { data: true, binaryData: keysOnly },
  Secret: { data: true, stringData: true },
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

/**
 * A Kubernetes object with only what parseK8s reads of it; undefined for a kind it never reads.
 * Read in place of the original, it gives the same observations and errors.
 */
export function k8sObjectAsRead(object: unknown): Rec | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string') return undefined;
  const body = BODY[object.kind];
  if (!body) return undefined;
  return { ...pick(object, { apiVersion: true, kind: true, metadata: (v) => pick(v, METADATA) }), ...pick(object, body) };
}
