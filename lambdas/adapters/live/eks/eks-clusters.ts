import { DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';
import { DriftError } from '../../../core/errors';
import { describeCallFailure } from '../aws-errors';
import { ReadRoleError } from '../read-role-error';

/** What drift needs of a cluster to reach its API server. */
export interface ClusterAccess {
  endpoint: string;
  /** Base64 PEM of the cluster's CA. */
  caData?: string;
  /** False when the endpoint is private: reachable only from inside the VPC. */
  publicAccess?: boolean;
}

/** A cluster that could not be described, with a message fit for users. */
export class ClusterLookupError extends DriftError {
  override readonly name = 'ClusterLookupError';
  // Said as a source-error finding; one that escapes is a bug, shown with its stack.
  readonly userFacing = false;
}

type Limit = <T>(family: string, fn: () => Promise<T>) => Promise<T>;

function describeFailure(cluster: string, region: string, err: unknown): string {
  if (err instanceof ReadRoleError) return `EKS cluster "${cluster}": ${err.message}`;
  const name = err instanceof Error ? err.name : 'error';
  if (name === 'ResourceNotFoundException') return `EKS cluster "${cluster}" not found in ${region}`;
  if (name === 'AccessDeniedException' || name === 'UnauthorizedException') {
    return `EKS cluster "${cluster}": access denied on eks:DescribeCluster (the read role needs it on this cluster)`;
  }
  // As other AWS calls are said: a network failure by its code (ECONNREFUSED), never the bare `Error` it is named.
  return `EKS cluster "${cluster}": ${describeCallFailure('DescribeCluster', err)}`;
}

/** DescribeCluster, once per cluster for the life of this object (endpoint and CA rarely change). */
export class EksClusters {
  private readonly cache = new Map<string, Promise<ClusterAccess>>();

  constructor(
    private readonly eks: EKSClient,
    private readonly region: string,
    private readonly limit: Limit,
  ) {}

  /** The cluster's endpoint and CA; a ClusterLookupError when it cannot be described or has no endpoint. */
  access(cluster: string, onCall: () => void = () => {}): Promise<ClusterAccess> {
    let found = this.cache.get(cluster);
    if (!found) {
      found = this.describe(cluster, onCall);
      // A failure is not cached: the next run (or a retry) asks again.
      found.catch(() => this.cache.delete(cluster));
      this.cache.set(cluster, found);
    }
    return found;
  }

  private async describe(name: string, onCall: () => void): Promise<ClusterAccess> {
    let out;
    try {
      out = await this.limit('eks', () => {
        onCall();
        return this.eks.send(new DescribeClusterCommand({ name }));
      });
    } catch (err) {
      throw new ClusterLookupError(describeFailure(name, this.region, err), { cause: err });
    }
    const c = out.cluster;
    if (!c?.endpoint) throw new ClusterLookupError(`EKS cluster "${name}" has no API endpoint yet (status ${c?.status ?? 'unknown'})`);
    const access: ClusterAccess = { endpoint: c.endpoint };
    if (c.certificateAuthority?.data) access.caData = c.certificateAuthority.data;
    if (c.resourcesVpcConfig?.endpointPublicAccess !== undefined) access.publicAccess = c.resourcesVpcConfig.endpointPublicAccess;
    return access;
  }
}
