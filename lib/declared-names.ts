import { workloadCandidates } from '../lambdas/adapters/live/eks/kube-paths';
import type { WorkloadKind } from '../lambdas/core/sources/k8s-objects';
import { no, ok, type Checked } from './aws-identifiers';

// Every name an estate declares ends up inside an IAM ARN or a Kubernetes manifest. None may carry a
// wildcard or anything else those formats read specially: each is checked here, once, and the
// grants, the cdk-nag acknowledgements and the RBAC file are built from the checked values only.

export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
export const region = (v: string): Checked => (REGION.test(v) ? ok(v) : no('is not an AWS region (e.g. eu-west-1)'));

/**
 * An SSM path as the grant covers it: always ending in `/`, so `/prod` covers `/prod/…` and never
 * `/production-…`. Parameter names hold letters, digits and `_.-` between slashes.
 */
export function ssmPath(v: string): Checked {
  if (!/^\/([A-Za-z0-9_.-]+\/)*([A-Za-z0-9_.-]+\/?)?$/.test(v)) {
    return no('is not an SSM parameter path ("/" and segments of letters, digits, "_", "." and "-"; no wildcards, no empty segment)');
  }
  return ok(v.endsWith('/') ? v : `${v}/`);
}

const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** An ECS service as declared (name or ARN) with its cluster (name or ARN), normalised to names. */
export interface EcsService {
  cluster: string;
  service: string;
  /** From an ARN: where the service is. */
  account?: string;
  region?: string;
  /** An old-format service ARN (`service/NAME`, no cluster): granted exactly as written. */
  legacyArn?: string;
}

const ECS_ARN = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\d{12}):(cluster|service)\/([^/]+)(?:\/([^/]+))?$/;

/** Normalises a declared ECS cluster and service (each a name or an ARN), or says what is wrong. */
export function ecsService(cluster: string, service: string): EcsService | { problem: string; field: 'cluster' | 'service' } {
  const fail = (field: 'cluster' | 'service', value: string, why: string) => ({ field, problem: `${JSON.stringify(value)} ${why}` });
  const named = 'is not an ECS name or ARN (1-255 letters, digits, "_" and "-"; no wildcards)';
  let where: { account?: string; region?: string } = {};
  let clusterName = cluster;
  if (cluster.startsWith('arn:')) {
    const m = ECS_ARN.exec(cluster);
    if (!m || m[3] !== 'cluster' || m[5] !== undefined || !ECS_NAME.test(m[4]!))
      return fail('cluster', cluster, 'is not an ECS cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)');
    where = { region: m[1]!, account: m[2]! };
    clusterName = m[4]!;
  } else if (!ECS_NAME.test(cluster)) return fail('cluster', cluster, named);

  if (!service.startsWith('arn:')) {
    if (!ECS_NAME.test(service)) return fail('service', service, named);
    return { cluster: clusterName, service, ...where };
  }
  const m = ECS_ARN.exec(service);
  if (!m || m[3] !== 'service')
    return fail('service', service, 'is not an ECS service ARN (arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME)');
  const [, r, a, , first, second] = m as unknown as [string, string, string, string, string, string | undefined];
  const [inCluster, name] = second === undefined ? [undefined, first] : [first, second];
  if (!ECS_NAME.test(name) || (inCluster !== undefined && !ECS_NAME.test(inCluster))) return fail('service', service, named);
  if (inCluster !== undefined && inCluster !== clusterName)
    return fail('service', service, `is in cluster ${inCluster}, not in ${clusterName} (the declared cluster)`);
  if ((where.region && where.region !== r) || (where.account && where.account !== a))
    return fail('service', service, 'is not in the account and region of the cluster ARN');
  return { cluster: clusterName, service: name, account: a, region: r, ...(second === undefined ? { legacyArn: service } : {}) };
}

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

/** A workload as the collector reads it: `name` or kubectl's `kind/name`, the name a DNS subdomain. */
export function k8sWorkload(v: string): { kinds: WorkloadKind[]; name: string } | { problem: string } {
  const { kinds, name } = workloadCandidates(v);
  // "drift-read-" is prepended to name the Role: it must stay within 253 characters.
  if (!DNS_SUBDOMAIN.test(name) || name.length > 242) {
    return {
      problem:
        'is not a Kubernetes workload (a name of lowercase letters, digits, "-" and ".", optionally after deployment/, statefulset/ or daemonset/)',
    };
  }
  return { kinds, name };
}
