import { describeObject, inNamespace, type K8sObject } from './k8s-objects';
import { isRecord, rec, records, str } from './shape';

/**
 * An object of the manifests that makes a Secret in the cluster from what git does not hold: the
 * Secret is there, its values are not in the manifests.
 */
export interface SecretProducer {
  /** `ExternalSecret api/api-db`. */
  label: string;
  object: K8sObject;
  /** The keys it gives the Secret; undefined when they cannot be known from it (dataFrom, a template). */
  keys?: ReadonlySet<string>;
}

interface ProducerKind {
  /** The name of the Secret it makes. */
  target(o: K8sObject): string;
  keys(o: K8sObject): ReadonlySet<string> | undefined;
}

// Adding a kind of producer is an entry here.
const PRODUCERS: Record<string, ProducerKind> = {
  // external-secrets.io: spec.target.name, else its own name; each spec.data entry is one key.
  ExternalSecret: {
    target: (o) => str(rec(rec(o.body.spec).target).name) ?? o.name,
    keys: (o) => {
      const spec = rec(o.body.spec);
      if (records(spec.dataFrom).length > 0 || isRecord(rec(spec.target).template)) return undefined;
      return new Set(records(spec.data).flatMap((d) => str(d.secretKey) ?? []));
    },
  },
  // bitnami sealed-secrets: the template's name, else its own; the sealed keys and the template's plain ones.
  SealedSecret: {
    target: (o) => str(rec(rec(rec(o.body.spec).template).metadata).name) ?? o.name,
    keys: (o) => {
      const spec = rec(o.body.spec);
      return new Set([...Object.keys(rec(spec.encryptedData)), ...Object.keys(rec(rec(spec.template).data))]);
    },
  },
};

/** The object of the manifests that makes Secret `name` in `namespace`, if one does (the last one, as kubectl apply). */
export function secretProducer(objects: K8sObject[], name: string, namespace: string): SecretProducer | undefined {
  let found: SecretProducer | undefined;
  for (const o of objects) {
    const kind = Object.hasOwn(PRODUCERS, o.kind) ? PRODUCERS[o.kind] : undefined;
    if (!kind || !inNamespace(o, namespace) || kind.target(o) !== name) continue;
    const keys = kind.keys(o);
    found = { label: describeObject(o.kind, namespace, o.name), object: o, ...(keys ? { keys } : {}) };
  }
  return found;
}
