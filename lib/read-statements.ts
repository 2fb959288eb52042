import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { GrantContext } from '../lambdas/adapters/live/kind-access';
import { LIVE } from '../lambdas/adapters/live/live-kinds';
import { partitionOf } from '../lambdas/core/aws-partition';
import { partitionIn } from './partition';
import type { KindReads } from './read-access';

/** The live reads of one principal, by kind, and the installation's settings their grants depend on. */
export type LiveReads = Partial<KindReads> & {
  /** Buckets holding ECS environment files (checked names): `s3:GetObject` on their objects. */
  envFileBuckets?: string[];
};

/** Each live kind with the reads it has among `reads`, in registry order. */
const withReads = (reads: LiveReads) =>
  LIVE.flatMap(({ type, live }) => {
    const mine = (reads[type] ?? []) as never[];
    return mine.length ? [{ access: live.access, reads: mine }] : [];
  });

const context = (reads: LiveReads, partition: string, account: string, region: string): GrantContext => ({
  partition,
  account,
  region,
  ...(reads.envFileBuckets ? { envFileBuckets: reads.envFileBuckets } : {}),
});

/**
 * The read-only statements for a set of live reads, made in `account`/`region` unless a read declares
 * its own: each live kind's grants, exactly the declared resources and only the calls its collector
 * makes. The reads' names were checked (no wildcards) by readPlan.
 */
export function readStatements(reads: LiveReads, account: string, region: string): PolicyStatement[] {
  const where = context(reads, partitionIn(region), account, region);
  return withReads(reads).flatMap(({ access, reads: mine }) =>
    access
      .grants(mine, where)
      .flatMap((g) =>
        resourceChunks(g.resources).map(
          (resources, i) =>
            new PolicyStatement({ sid: i ? `${g.sid}${i + 1}` : g.sid, actions: g.actions, resources, conditions: g.conditions }),
        ),
      ),
  );
}

/**
 * Characters of resource ARNs one statement holds at most. CDK moves a role's statements beyond IAM's
 * 10,240 inline characters into managed policies of at most 6,144 each, but cannot split a
 * statement: a large estate's one statement of every declared path would fail the deploy.
 */
export const STATEMENT_RESOURCE_CHARS = 4_000;

/** The resources in order, cut into runs of at most STATEMENT_RESOURCE_CHARS (one statement each). */
function resourceChunks(resources: string[]): string[][] {
  const chunks: string[][] = [[]];
  let size = 0;
  for (const r of resources) {
    const cost = r.length + 3;
    if (size + cost > STATEMENT_RESOURCE_CHARS && chunks.at(-1)!.length) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(r);
    size += cost;
  }
  return chunks;
}

/** Why every live kind's wildcards are acceptable, for cdk-nag. */
export const READ_WILDCARDS_REASON = `${LIVE.map(({ live }) => live.access.wildcardReason)
  .filter((r) => r !== '')
  .join('; ')}.`;

/**
 * The cdk-nag IAM5 findings to acknowledge for a set of reads, built by each kind from the declared
 * (checked) names, never read back from the statements: a wildcard that nobody declared stays a finding.
 */
export function readWildcardFindings(reads: LiveReads, account = '<AWS::AccountId>', region = '<AWS::Region>'): string[] {
  // cdk-nag writes the pseudo parameters of a region unknown at synth as `<AWS::Region>` and `<AWS::Partition>`.
  const partition = region === '<AWS::Region>' ? '<AWS::Partition>' : partitionOf(region).name;
  const where = context(reads, partition, account, region);
  const all = withReads(reads).flatMap(({ access, reads: mine }) => access.wildcards(mine, where));
  return [...new Set(all)].map((r) => `Resource::${r}`);
}
