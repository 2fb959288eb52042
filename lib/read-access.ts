import type { EnvironmentSpec, Estate } from '../lambdas/core/estate/model';
import { recordedFrom } from '../lambdas/core/source-kinds/fields';
import type { ReadScope } from '../lambdas/adapters/live/kind-access';
import { LIVE, liveKindOf, type LiveReads, type LiveType } from '../lambdas/adapters/live/live-kinds';
import { must } from '../lambdas/adapters/live/checked';
import { ROLE_ARN_SHAPE } from '../lambdas/core/aws-identifier-shapes';
import { accountId } from './aws-identifiers';
import { region as checkRegion } from './declared-names';

export type { ReadScope } from '../lambdas/adapters/live/kind-access';
export type { LiveReads as KindReads } from '../lambdas/adapters/live/live-kinds';
export { eksClusterArn, type EksRead } from '../lambdas/adapters/live/eks/eks-access';

/** Every live read the estates declare, by kind; recorded sources (`from:`) read files and need no AWS access. */
export type ReadPlan = LiveReads & {
  /** Member read roles the installation assumes (environments' `roleArn`, plus `memberRoles`). */
  roleArns: string[];
};

function scope(env: EnvironmentSpec, region: string | undefined): ReadScope {
  const where = { account: env.account, region: region ?? env.region, roleArn: env.roleArn };
  if (where.account !== undefined) must(`account ${where.account}`, accountId(where.account));
  if (where.region !== undefined) must(`region ${where.region}`, checkRegion(where.region));
  return where;
}

const uniqueBy = <T>(items: T[], key: (t: T) => string): T[] => [...new Map(items.map((i) => [key(i), i])).values()];
const scopeKey = (s: ReadScope) => `${s.roleArn ?? ''}|${s.account ?? ''}|${s.region ?? ''}`;

/** Each live kind's reads that `keep` keeps (all of them by default): a fresh plan of reads. */
export function readsWhere(reads: Partial<LiveReads>, keep: (r: ReadScope) => boolean = () => true): LiveReads {
  const out = {} as Record<LiveType, ReadScope[]>;
  for (const { type } of LIVE) out[type] = ((reads[type] ?? []) as ReadScope[]).filter(keep);
  return out as LiveReads;
}

/** Derives the live reads of the estates, normalised, de-duplicated and in a stable order. Throws for a name `deployProblems` rejects. */
export function readPlan(estates: readonly Estate[], memberRoles: readonly string[] = []): ReadPlan {
  const plan = readsWhere({}) as Record<LiveType, ReadScope[]>;
  const roleArns: string[] = [];
  for (const estate of estates) {
    for (const env of estate.environments) {
      if (env.roleArn) {
        parseRoleArn(env.roleArn);
        roleArns.push(env.roleArn);
      }
      for (const s of env.sources) {
        const access = liveKindOf(s.type)?.access;
        if (!access || recordedFrom(s)) continue;
        const read = access.read(s, scope(env, 'region' in s ? s.region : undefined));
        if (read) plan[s.type as LiveType].push(read);
      }
    }
  }
  for (const { type, live } of LIVE) plan[type] = uniqueBy(plan[type], (r) => `${scopeKey(r)}|${live.access.key(r as never)}`);
  return { ...(plan as LiveReads), roleArns: [...new Set([...roleArns, ...memberRoles])].sort() };
}

/** Parses `arn:aws:iam::123456789012:role/path/name` into its account and name. */
export function parseRoleArn(arn: string): { account: string; name: string; path: string } {
  const m = ROLE_ARN_SHAPE.exec(arn);
  if (!m) throw new Error(`"${arn}" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  return { account: m[1]!, path: m[2]!, name: m[3]! };
}
