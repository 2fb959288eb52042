import { createHash } from 'node:crypto';
import { CfnCondition, Fn, Stack, Token } from 'aws-cdk-lib';
import { CfnAccessEntry } from 'aws-cdk-lib/aws-eks';
import type { Construct } from 'constructs';
import type { EksRead } from './read-access';

/**
 * One EKS access entry per cluster for `principalArn`, mapping it to the Kubernetes `group` (EKS
 * allows one entry per principal per cluster, however many workloads are read there). An entry is a
 * regional resource: a cluster in another region than the stack gets its entry from that region's
 * ReadRegionStack (lib/app.ts); when the stack's region is only known at deploy time, the entry is
 * created only if it is the cluster's.
 */
export function addClusterAccessEntries(
  scope: Construct,
  reads: readonly EksRead[],
  principalArn: string,
  group: string,
): CfnAccessEntry[] {
  const stack = Stack.of(scope);
  const clusters = new Map<string, { cluster: string; region?: string }>();
  for (const r of reads) clusters.set(`${r.region ?? ''}/${r.cluster}`, { cluster: r.cluster, region: r.region });
  const entries: CfnAccessEntry[] = [];
  const rawId = (c: { cluster: string; region?: string }) => `Access-${c.cluster}${c.region ? `-${c.region}` : ''}`;
  // `_` became `-` in the ids entries were deployed under: kept, or the entry would be replaced (and EKS
  // refuses a second one for the principal meanwhile). Only beside a cluster with that very name
  // (`shop_cluster` beside `shop-cluster`) does a name with `_` keep its own.
  const plain = new Set([...clusters.values()].map(rawId).filter((id) => !/[^A-Za-z0-9-]/.test(id)));
  for (const { cluster, region } of [...clusters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c)) {
    const known = !Token.isUnresolved(stack.region);
    if (region && known && region !== stack.region) continue;
    const raw = rawId({ cluster, region });
    const sanitized = raw.replace(/[^A-Za-z0-9-]/g, '-');
    const taken = sanitized !== raw && (plain.has(sanitized) || scope.node.tryFindChild(sanitized));
    // A logical id keeps only letters and digits: the raw name would collide too, a digest of it does not.
    const id = taken ? `${sanitized}-${createHash('sha256').update(raw).digest('hex').slice(0, 8)}` : sanitized;
    const entry = new CfnAccessEntry(scope, id, { clusterName: cluster, principalArn, kubernetesGroups: [group], type: 'STANDARD' });
    if (region && !known) {
      entry.cfnOptions.condition = new CfnCondition(scope, `${id}-InClusterRegion`, {
        expression: Fn.conditionEquals(stack.region, region),
      });
    }
    entries.push(entry);
  }
  return entries;
}
