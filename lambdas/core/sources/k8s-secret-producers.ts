import { describeObject, inNamespace, WORKLOAD_KINDS, type K8sObject } from './k8s-objects';
import { isRecord, rec, records, str } from './shape';
import { certgenSecrets } from './k8s-webhook-certgen';
import { startedSecrets } from './k8s-started-secrets';
import { cnpgSecrets } from './k8s-cnpg';
import { eckSecrets } from './k8s-eck';
import { trustBundleKeys } from './k8s-trust-bundle';
import { strimziKafkaSecrets, strimziUserSecrets } from './k8s-strimzi';

/**
 * An object of the manifests that makes a Secret in the cluster from what git does not hold (an
 * ExternalSecret, a SealedSecret, a SecretProviderClass, a cert-manager Certificate, a Crossplane claim or managed
 * resource, a Job running kube-webhook-certgen, a CloudNativePG Cluster, ECK's Elasticsearch, Strimzi's
 * Kafka and KafkaUser, trust-manager's Bundle, an OpenShift Service's serving certificate, a workload whose containers
 * create one as they start): the Secret is there, its values are not in the manifests. A Bundle
 * makes a ConfigMap too (configMapProducer), as such a producer.
 */
export interface SecretProducer {
  /** `ExternalSecret api/api-db`. */
  label: string;
  object: K8sObject;
  /** The keys it gives the Secret; undefined when they cannot be known from it (dataFrom, a template). */
  keys?: ReadonlySet<string>;
}

/** One Secret an object makes: its name, and its keys when the object says them all. */
interface MadeSecret {
  name: string;
  keys?: ReadonlySet<string>;
}

const made = (name: string, keys: ReadonlySet<string> | undefined): MadeSecret => ({ name, ...(keys ? { keys } : {}) });

/** The annotations OpenShift's service CA operator reads on a Service (the alpha one is still honoured). */
export const SERVING_CERT_ANNOTATIONS = [
  'service.beta.openshift.io/serving-cert-secret-name',
  'service.alpha.openshift.io/serving-cert-secret-name',
] as const;

/** What each kind of object makes, by kind. */
type Producers = Record<string, (o: K8sObject, namespace: string) => MadeSecret[]>;

// The Secrets each kind of object makes; adding a kind of producer is an entry here (and in k8s-read-fields).
const PRODUCERS: Producers = {
  // external-secrets.io: spec.target.name, else its own name; each spec.data entry is one key, dataFrom or a template any.
  ExternalSecret: (o) => {
    const spec = rec(o.body.spec);
    const open = records(spec.dataFrom).length > 0 || isRecord(rec(spec.target).template);
    const keys = open ? undefined : new Set(records(spec.data).flatMap((d) => str(d.secretKey) ?? []));
    return [made(str(rec(spec.target).name) ?? o.name, keys)];
  },
  // bitnami sealed-secrets: the template's name, else its own; the sealed keys and the template's plain ones.
  SealedSecret: (o) => {
    const spec = rec(o.body.spec);
    const keys = new Set([...Object.keys(rec(spec.encryptedData)), ...Object.keys(rec(rec(spec.template).data))]);
    return [made(str(rec(rec(spec.template).metadata).name) ?? o.name, keys)];
  },
  // cert-manager: spec.secretName, holding the certificate, its key and the CA where the issuer gives one, and the
  // keystores and extra formats spec asks for (all of them counted, so a key asked for is never said missing wrongly).
  Certificate: (o) => {
    const spec = rec(o.body.spec);
    const name = str(spec.secretName);
    // Another API's Certificate (ACM's controller has one) makes no such Secret.
    if (!name || !str(o.body.apiVersion)?.startsWith('cert-manager.io/')) return [];
    const stores = rec(spec.keystores);
    const keys = ['tls.crt', 'tls.key', 'ca.crt'];
    if (isRecord(stores.jks)) keys.push('keystore.jks', 'truststore.jks');
    if (isRecord(stores.pkcs12)) keys.push('keystore.p12', 'truststore.p12');
    for (const f of records(spec.additionalOutputFormats)) {
      if (f.type === 'CombinedPEM') keys.push('tls-combined.pem');
      if (f.type === 'DER') keys.push('key.der');
    }
    return [made(name, new Set(keys))];
  },
  // HashiCorp's Vault Secrets Operator: spec.destination, when the operator creates it; keys as the Vault secret has them.
  VaultStaticSecret: vaultDestination,
  VaultDynamicSecret: vaultDestination,
  VaultPKISecret: vaultDestination,
  // 1Password's operator: a Secret named as the item, one key per field of the item.
  OnePasswordItem: (o) => [made(o.name, undefined)],
  // CloudNativePG: the users' and certificates' Secrets its operator makes for the cluster.
  Cluster: cnpgSecrets,
  // ECK: an Elasticsearch's elastic user and public HTTP certificate.
  Elasticsearch: eckSecrets,
  // Strimzi: a Kafka's CA certificates, a KafkaUser's credentials (keys as its authentication has them).
  Kafka: (o) => strimziKafkaSecrets(o).map((name) => made(name, undefined)),
  KafkaUser: (o) => strimziUserSecrets(o).map((name) => made(name, undefined)),
  // trust-manager: a Bundle's target Secret (its ConfigMap: configMapProducer).
  Bundle: (o) => bundleMade(o, 'Secret'),
  // A workload whose containers create a Secret when they start (Argo CD's Redis password, MetalLB's memberlist key);
  // a Job also by kube-webhook-certgen's `create` (an admission webhook's certificate): the Secret --secret-name names.
  ...Object.fromEntries(WORKLOAD_KINDS.map((kind) => [kind, startedSecrets])),
  Job: (o, namespace) => [...certgenSecrets(o, namespace), ...startedSecrets(o, namespace)],
  // OpenShift's service CA: the serving certificate and key of a Service that names its Secret in an annotation.
  Service: (o) => {
    const annotations = rec(rec(o.body.metadata).annotations);
    const name = SERVING_CERT_ANNOTATIONS.map((a) => str(annotations[a])).find((n) => n !== undefined);
    return name ? [made(name, new Set(['tls.crt', 'tls.key']))] : [];
  },
  // The Secrets Store CSI driver (AWS's provider on EKS): each of spec.secretObjects, synced while a pod mounts the class.
  SecretProviderClass: (o) =>
    records(rec(o.body.spec).secretObjects).flatMap((so) => {
      const name = str(so.secretName);
      return name ? [made(name, new Set(records(so.data).flatMap((d) => str(d.key) ?? [])))] : [];
    }),
};

function vaultDestination(o: K8sObject): MadeSecret[] {
  const destination = rec(rec(o.body.spec).destination);
  const name = str(destination.name);
  return name && destination.create === true ? [made(name, undefined)] : [];
}

/**
 * Crossplane: a claim or managed resource of any kind writes its connection details (an RDS instance's endpoint and
 * password…) to `spec.writeConnectionSecretToRef`, in the claim's namespace or the one the reference names; which keys
 * depends on the resource.
 */
function connectionSecret(o: K8sObject, namespace: string): MadeSecret | undefined {
  const ref = rec(rec(o.body.spec).writeConnectionSecretToRef);
  const name = str(ref.name);
  if (!name) return undefined;
  const into = str(ref.namespace);
  return (into === undefined ? inNamespace(o, namespace) : into === namespace) ? made(name, undefined) : undefined;
}

function bundleMade(o: K8sObject, kind: 'ConfigMap' | 'Secret'): MadeSecret[] {
  const keys = trustBundleKeys(o, kind);
  return keys ? [made(o.name, keys)] : [];
}

// The ConfigMaps objects of the manifests make; as PRODUCERS.
const CONFIG_MAP_PRODUCERS: Producers = {
  Bundle: (o) => bundleMade(o, 'ConfigMap'),
};

/** The object of the manifests that makes Secret `name` in `namespace`, if one does (the last one, as kubectl apply). */
export const secretProducer = (objects: K8sObject[], name: string, namespace: string): SecretProducer | undefined =>
  producerIn(PRODUCERS, objects, name, namespace, connectionSecret);

/** The object of the manifests that makes ConfigMap `name` in `namespace`, if one does. */
export const configMapProducer = (objects: K8sObject[], name: string, namespace: string): SecretProducer | undefined =>
  producerIn(CONFIG_MAP_PRODUCERS, objects, name, namespace);

function producerIn(
  producers: Producers,
  objects: K8sObject[],
  name: string,
  namespace: string,
  /** What an object of any kind makes (a Crossplane connection Secret), besides what `producers` says by kind. */
  ofAnyKind?: (o: K8sObject, namespace: string) => MadeSecret | undefined,
): SecretProducer | undefined {
  let found: SecretProducer | undefined;
  for (const o of objects) {
    if (ofAnyKind?.(o, namespace)?.name === name) found = { label: describeObject(o.kind, namespace, o.name), object: o };
    const makes = Object.hasOwn(producers, o.kind) ? producers[o.kind] : undefined;
    if (!makes || !inNamespace(o, namespace)) continue;
    const secret = makes(o, namespace).find((m) => m.name === name);
    if (secret) found = { label: describeObject(o.kind, namespace, o.name), object: o, ...(secret.keys ? { keys: secret.keys } : {}) };
  }
  return found;
}
