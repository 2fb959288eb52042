import type { K8sObject } from './k8s-objects';
import { rec, str } from './shape';

/**
 * The Secrets ECK (Elastic Cloud on Kubernetes) has its operator create for an `Elasticsearch`, which the clients
 * beside it read: the `elastic` user's password (`-es-elastic-user`, unless `auth.disableElasticUser`) and the HTTP
 * certificate without its key (`-es-http-certs-public`, unless HTTP TLS is turned off and no certificate is given).
 */
export function eckSecrets(o: K8sObject): Array<{ name: string; keys: ReadonlySet<string> }> {
  if (!str(o.body.apiVersion)?.startsWith('elasticsearch.k8s.elastic.co/')) return [];
  const spec = rec(o.body.spec);
  const tls = rec(rec(spec.http).tls);
  const out: Array<{ name: string; keys: ReadonlySet<string> }> = [];
  if (rec(spec.auth).disableElasticUser !== true) out.push({ name: `${o.name}-es-elastic-user`, keys: new Set(['elastic']) });
  if (rec(tls.selfSignedCertificate).disabled !== true || str(rec(tls.certificate).secretName))
    out.push({ name: `${o.name}-es-http-certs-public`, keys: new Set(['tls.crt', 'ca.crt']) });
  return out;
}
