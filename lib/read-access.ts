import type { EnvironmentSpec, Estate } from '../lambdas/core/estate/model';
import { ROLE_ARN } from './aws-identifiers';
import { accountId } from './aws-identifiers';
import { ecsService, eksCluster, k8sNamespace, k8sWorkload, region as checkRegion, ssmPath, type EcsService } from './declared-names';

/** Where a live read happens: the account and region it is made in, and through which role (if any). */
export interface ReadScope {
  /** The declared account, or `undefined` for the installation's own account. */
  account?: string;
  /** The declared region (environment or source), or `undefined` for the installation's region. */
  region?: string;
  roleArn?: string;
}

/** `path` always ends in `/`: `/prod` is read as `/prod/`. */
export interface SsmRead extends ReadScope {
  path: string;
}
/** Cluster and service by name (an ARN declared is normalised; its account and region are the read's). */
export interface EcsRead extends ReadScope {
  cluster: string;
  service: string;
  legacyArn?: string;
}
export interface EksRead extends ReadScope {
  cluster: string;
  namespace: string;
  workload: string;
}

/** Every live read the estates declare; recorded sources (`from:`) read files and need no AWS access. */
export interface ReadPlan {
  ssm: SsmRead[];
  ecs: EcsRead[];
  eks: EksRead[];
  /** Member read roles the installation assumes (environments' `roleArn`, plus `memberRoles`). */
  roleArns: string[];
}

function scope(env: EnvironmentSpec, region: string | undefined): ReadScope {
  const where = { account: env.account, region: region ?? env.region, roleArn: env.roleArn };
  if (where.account !== undefined) must(`account ${where.account}`, accountId(where.account));
  if (where.region !== undefined) must(`region ${where.region}`, checkRegion(where.region));
  return where;
}

const uniqueBy = <T>(items: T[], key: (t: T) => string): T[] => [...new Map(items.map((i) => [key(i), i])).values()];
const scopeKey = (s: ReadScope) => `${s.roleArn ?? ''}|${s.account ?? ''}|${s.region ?? ''}`;

/** A checked value, or an error naming it: `deployProblems` reports these with positions before a plan is made. */
function must<T extends object>(what: string, r: T | { problem: string }): Exclude<T, { problem: string }> {
  if ('problem' in r) throw new Error(`${what}: ${r.problem}`);
  return r as Exclude<T, { problem: string }>;
}

function ecsRead(env: EnvironmentSpec, region: string | undefined, cluster: string, service: string): EcsRead {
  const s: EcsService = must(`ecs ${cluster}/${service}`, ecsService(cluster, service));
  const where = scope(env, region);
  return {
    ...where,
    account: where.account ?? s.account,
    region: where.region ?? s.region,
    cluster: s.cluster,
    service: s.service,
    ...(s.legacyArn ? { legacyArn: s.legacyArn } : {}),
  };
}

/** Derives the live reads of the estates, normalised, de-duplicated and in a stable order. Throws for a name `deployProblems` rejects. */
export function readPlan(estates: readonly Estate[], memberRoles: readonly string[] = []): ReadPlan {
  const plan: ReadPlan = { ssm: [], ecs: [], eks: [], roleArns: [] };
  for (const estate of estates) {
    for (const env of estate.environments) {
      if (env.roleArn) {
        parseRoleArn(env.roleArn);
        plan.roleArns.push(env.roleArn);
      }
      for (const s of env.sources) {
        if (s.type === 'ssm' && !s.from) plan.ssm.push({ ...scope(env, s.region), path: must(`ssm ${s.path}`, ssmPath(s.path)).value });
        if (s.type === 'ecs' && !s.from && s.cluster && s.service) plan.ecs.push(ecsRead(env, s.region, s.cluster, s.service));
        if (s.type === 'eks') {
          must(`eks ${s.cluster}`, eksCluster(s.cluster));
          must(`eks namespace ${s.namespace}`, k8sNamespace(s.namespace));
          must(`eks workload ${s.workload}`, k8sWorkload(s.workload));
          plan.eks.push({ ...scope(env, s.region), cluster: s.cluster, namespace: s.namespace, workload: s.workload });
        }
      }
    }
  }
  return {
    ssm: uniqueBy(plan.ssm, (r) => `${scopeKey(r)}|${r.path}`),
    ecs: uniqueBy(plan.ecs, (r) => `${scopeKey(r)}|${r.cluster}/${r.service}`),
    eks: uniqueBy(plan.eks, (r) => `${scopeKey(r)}|${r.cluster}|${r.namespace}|${r.workload}`),
    roleArns: [...new Set([...plan.roleArns, ...memberRoles])].sort(),
  };
}

/** `/staging/api/` → `staging/api/`: the part of a parameter ARN after `parameter/`. */
export const ssmArnPath = (path: string): string => path.replace(/^\/+/, '');

/** The ARNs of one kind of read, with the installation's account and region filled in where not declared. */
export const ssmParameterArn = (r: SsmRead, account: string, region: string): string =>
  `arn:aws:ssm:${r.region ?? region}:${r.account ?? account}:parameter/${ssmArnPath(r.path)}*`;
export const ecsServiceArn = (r: EcsRead, account: string, region: string): string =>
  r.legacyArn ?? `arn:aws:ecs:${r.region ?? region}:${r.account ?? account}:service/${r.cluster}/${r.service}`;
export const eksClusterArn = (r: EksRead, account: string, region: string): string =>
  `arn:aws:eks:${r.region ?? region}:${r.account ?? account}:cluster/${r.cluster}`;

/** Parses `arn:aws:iam::123456789012:role/path/name` into its account and name. */
export function parseRoleArn(arn: string): { account: string; name: string; path: string } {
  const m = ROLE_ARN.exec(arn);
  if (!m) throw new Error(`"${arn}" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  return { account: m[1]!, path: m[2]!, name: m[3]! };
}
