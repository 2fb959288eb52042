import type { EKSClient } from '@aws-sdk/client-eks';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ParseContext } from '../../../core/sources/context';
import { describeFailure } from '../../../core/source-kinds/attempt';
import { parseK8s } from '../../../core/sources/k8s';
import { unknownWhereUnread } from '../../../core/sources/k8s-unread';
import { emptyResult, type SourceParseResult } from '../../../core/sources/result';
import { ClusterLookupError, EksClusters, type ClusterAccess } from './eks-clusters';
import { k8sNamespace, k8sWorkload } from './eks-names';
import { mintEksToken } from './eks-token';
import { hpaListPath } from './kube-paths';
import { httpKubeClient, KubeApiError, type KubeClient, type KubeClientFactory } from './kube-client';
import type { EksKept } from '../../../core/source-kinds/file-forms/eks';
import { readWorkloadObjects, type WorkloadObjects } from './workload-objects';

/** A live `eks` source as `drift.yaml` declares it. */
export interface EksSourceSpec {
  cluster: string;
  namespace: string;
  workload: string;
  container?: string;
}

export interface EksCollectorOptions {
  eks: EKSClient;
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** For tests; an HTTPS client with the cluster's CA by default. */
  kube?: KubeClientFactory;
  limit: <T>(family: string, fn: () => Promise<T>) => Promise<T>;
  now: () => Date;
  /** Hand back the objects parsed (plain text: for `drift snapshot --record`, which redacts them at once). */
  keepInputs?: boolean;
}

export type EksCollectResult = SourceParseResult & {
  observedAt: string;
  calls: Record<string, number>;
  /** With `keepInputs`: the objects the parser read, and whether the Role kept one only mounted from it. */
  kept?: EksKept;
};

/** Reads one workload from an EKS cluster's API server and parses it with the recorded `k8s` form's parser. */
export class EksCollector {
  private readonly clusters: EksClusters;
  /** Namespace-wide lists (the HPAs) already asked for in this run, by cluster and path. */
  private readonly namespaceLists = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: EksCollectorOptions) {
    this.clusters = new EksClusters(opts.eks, opts.region, opts.limit);
  }

  /** One snapshot of the workload; failures are error lines, never a throw. */
  async collect(spec: EksSourceSpec, ctx: ParseContext): Promise<EksCollectResult> {
    const calls: Record<string, number> = { eks: 0, kubernetes: 0 };
    const count = (family: string): void => {
      calls[family] = (calls[family] ?? 0) + 1;
    };
    const observedAt = this.opts.now().toISOString();
    const failed = (message: string): EksCollectResult => ({ ...emptyResult(), errors: [message], observedAt, calls });
    // The names go into API paths, where "." and ".." are path steps: namespace ".." would ask for the cluster's pods.
    const badName = namesProblem(spec);
    if (badName) return failed(badName);

    let access: ClusterAccess;
    try {
      access = await this.clusters.access(spec.cluster, () => count('eks'));
    } catch (err) {
      if (err instanceof ClusterLookupError) return failed(err.message);
      throw err;
    }
    let kube: KubeClient;
    try {
      const token = await mintEksToken({
        clusterName: spec.cluster,
        region: this.opts.region,
        credentials: this.opts.credentials,
        now: this.opts.now(),
      });
      kube = (this.opts.kube ?? httpKubeClient)(access.endpoint, access.caData, token);
    } catch (err) {
      if (err instanceof KubeApiError) return failed(err.message);
      // The credential chain failing (no role, an expired session) is an operational failure.
      return failed(`EKS cluster "${spec.cluster}": could not sign a token (${err instanceof Error ? err.name : 'error'})`);
    }

    const fetch = async (path: string): Promise<unknown> => {
      const r = await this.opts.limit('kubernetes', () => {
        count('kubernetes');
        return kube.getObject(path);
      });
      return r.status === 404 ? undefined : r.body;
    };
    // A namespace's HPA list serves every workload of it in this run: asked for once per cluster.
    const get = (path: string): Promise<unknown> => {
      if (path !== hpaListPath(spec.namespace)) return fetch(path);
      const key = `${spec.cluster}\u0000${path}`;
      let listed = this.namespaceLists.get(key);
      if (!listed) this.namespaceLists.set(key, (listed = fetch(path)));
      return listed;
    };
    const opts = {
      workload: spec.workload,
      namespace: spec.namespace,
      ...(spec.container !== undefined ? { container: spec.container } : {}),
    };
    let read: WorkloadObjects | { error: string };
    try {
      read = await readWorkloadObjects(get, opts);
    } catch (err) {
      if (!(err instanceof KubeApiError)) throw err;
      return failed(explain(err, access));
    } finally {
      kube.close?.();
    }
    if ('error' in read) return failed(read.error);
    // What the API server gave is walked by recursive code (a recorded manifest is bounded as it is parsed).
    let parsed: SourceParseResult;
    try {
      parsed = parseRead(read, opts, ctx);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      return failed(describeFailure(err, `eks ${spec.cluster} ${spec.namespace}/${spec.workload}`));
    }
    const unread = read.unread.objects.length > 0 || read.unread.autoscaling ? { unread: read.unread } : {};
    const kept: EksKept = { objects: read.objects, ...(read.mountedUnread ? { mountedUnread: true as const } : {}), ...unread };
    return { ...parsed, observedAt, calls, ...(this.opts.keepInputs ? { kept } : {}) };
  }
}

/** Why the namespace or workload cannot be an object's name (the deploy checks' words), if it cannot. */
function namesProblem(spec: EksSourceSpec): string | undefined {
  const namespace = k8sNamespace(spec.namespace);
  if ('problem' in namespace) return `eks namespace ${JSON.stringify(spec.namespace)} ${namespace.problem}`;
  const workload = k8sWorkload(spec.workload);
  return 'problem' in workload ? `eks workload ${JSON.stringify(spec.workload)} ${workload.problem}` : undefined;
}

/** The same parser as the recorded `k8s` form; what could not be read is unknown, not absent. */
function parseRead(read: WorkloadObjects, opts: Parameters<typeof parseK8s>[1], ctx: ParseContext): SourceParseResult {
  const result = parseK8s(read.objects, opts, ctx);
  result.errors.unshift(...read.errors);
  return unknownWhereUnread(result, read.unreadable, read.unread.autoscaling !== undefined);
}

function explain(err: KubeApiError, access: ClusterAccess): string {
  if (err.failure === 'network' && access.publicAccess === false)
    return `${err.message} (the cluster's endpoint is private: reachable only from inside its VPC)`;
  return err.message;
}
