import type { K8sObject } from './k8s-objects';
import { rec, str } from './shape';

const isStrimzi = (o: K8sObject): boolean => (str(o.body.apiVersion) ?? '').startsWith('kafka.strimzi.io/');

/**
 * The Secrets Strimzi's operators make for a `Kafka`: the public certificates of its cluster and clients CAs
 * (`<name>-cluster-ca-cert`, `<name>-clients-ca-cert`, which Kafka clients mount) and their keys, unless the CA is
 * the user's own (`generateCertificateAuthority: false`, whose Secrets the user makes under those names).
 */
export function strimziKafkaSecrets(o: K8sObject): string[] {
  if (!isStrimzi(o)) return [];
  const spec = rec(o.body.spec);
  return (['cluster', 'clients'] as const).flatMap((ca) =>
    rec(spec[`${ca}Ca`]).generateCertificateAuthority === false ? [] : [`${o.name}-${ca}-ca-cert`, `${o.name}-${ca}-ca`],
  );
}

/** A Strimzi `KafkaUser`: the User Operator writes its credentials (their keys depend on its authentication) to a Secret named as it. */
export const strimziUserSecrets = (o: K8sObject): string[] => (isStrimzi(o) ? [o.name] : []);
