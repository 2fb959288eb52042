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
  for (const { cluster, region } of [...clusters.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c)) {
    const known = !Token.isUnresolved(stack.region);
    if (region && known && region !== stack.region) continue;
    const id = `Access-${cluster}${region ? `-${region}` : ''}`.replace(/[^A-Za-z0-9-]/g, '-');
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
