import { WORKLOAD_APIS, WORKLOAD_KINDS, workloadCandidates, type WorkloadKind } from '../../../core/sources/k8s-objects';
import { no, ok, type Checked } from '../checked';

/** An EKS cluster name (the collector calls DescribeCluster by name). */
export const eksCluster = (v: string): Checked =>
  /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(v)
    ? ok(v)
    : no(
        v.startsWith('arn:') ? "is an ARN: give the EKS cluster's name" : 'is not an EKS cluster name (1-100 letters, digits, "_" and "-")',
      );

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Kubernetes namespace: a DNS label. */
export const k8sNamespace = (v: string): Checked =>
  DNS_LABEL.test(v) ? ok(v) : no('is not a Kubernetes namespace (a DNS label: lowercase letters, digits and "-", at most 63)');

// `deployment/, statefulset/, … or rollout/`: kubectl's first alias of each kind drift reads.
const KIND_PREFIXES = WORKLOAD_KINDS.map((k) => `${WORKLOAD_APIS[k].aliases[0]}/`);
const KINDS_NAMED = `${KIND_PREFIXES.slice(0, -1).join(', ')} or ${KIND_PREFIXES.at(-1)}`;

/** A workload as the collector reads it: `name` or kubectl's `kind/name`, the name a DNS subdomain. */
export function k8sWorkload(v: string): { kinds: WorkloadKind[]; name: string } | { problem: string } {
  const { kinds, name } = workloadCandidates(v);
  // "drift-read-" is prepended to name the Role: it must stay within 253 characters.
  if (!DNS_SUBDOMAIN.test(name) || name.length > 242) {
    return { problem: `is not a Kubernetes workload (a name of lowercase letters, digits, "-" and ".", optionally after ${KINDS_NAMED})` };
  }
  return { kinds, name };
}
