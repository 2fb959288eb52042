import type { K8sObject } from './k8s-objects';
import { isRecord, rec, str } from './shape';

/**
 * cert-manager's trust-manager: a `Bundle` (cluster-scoped) writes its CA bundle into a ConfigMap and/or a Secret
 * named as it, in every namespace its `namespaceSelector` picks (labels the manifests may not hold: any), under
 * `target.<kind>.key` and the keys of the `additionalFormats` it asks for.
 */
export function trustBundleKeys(o: K8sObject, kind: 'ConfigMap' | 'Secret'): ReadonlySet<string> | undefined {
  if (!(str(o.body.apiVersion) ?? '').startsWith('trust.cert-manager.io/')) return undefined;
  const target = rec(rec(o.body.spec).target);
  const into = rec(target[kind === 'ConfigMap' ? 'configMap' : 'secret']);
  const key = str(into.key);
  if (!key) return undefined;
  const formats = Object.values(rec(target.additionalFormats)).flatMap((f) => (isRecord(f) && str(f.key) ? [str(f.key) as string] : []));
  return new Set([key, ...formats]);
}
