import { CfnCondition, Fn, Stack, Token } from 'aws-cdk-lib';
import { CfnAccessEntry } from 'aws-cdk-lib/aws-eks';
import type { Construct } from 'constructs';
import { constructIds } from './construct-ids';
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
  const known = !Token.isUnresolved(stack.region);
  const here = [...clusters.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c)
    .filter(({ region }) => !(region && known && region !== stack.region));
  const rawId = (c: { cluster: string; region?: string }) => `Access-${c.cluster}${c.region ? `-${c.region}` : ''}`;
  const ids = constructIds(here.map(rawId));
  for (const { cluster, region } of here) {
    const id = ids.get(rawId({ cluster, region }))!;
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
