import type { EnvironmentSpec, Estate } from '../lambdas/core/estate/model';

/** Where a live read happens: the account and region it is made in, and through which role (if any). */
export interface ReadScope {
  /** The declared account, or `undefined` for the installation's own account. */
  account?: string;
  /** The declared region (environment or source), or `undefined` for the installation's region. */
  region?: string;
  roleArn?: string;
}

export interface SsmRead extends ReadScope { path: string }
export interface EcsRead extends ReadScope { cluster: string; service: string }
export interface EksRead extends ReadScope { cluster: string; namespace: string; workload: string }

/** Every live read the estates declare; recorded sources (`from:`) read files and need no AWS access. */
export interface ReadPlan {
  ssm: SsmRead[];
  ecs: EcsRead[];
  eks: EksRead[];
  /** Member read roles the installation assumes (environments' `roleArn`, plus `memberRoles`). */
  roleArns: string[];
}

const scope = (env: EnvironmentSpec, region: string | undefined): ReadScope => ({
  account: env.account,
  region: region ?? env.region,
  roleArn: env.roleArn,
});

const uniqueBy = <T>(items: T[], key: (t: T) => string): T[] => [...new Map(items.map((i) => [key(i), i])).values()];
const scopeKey = (s: ReadScope) => `${s.roleArn ?? ''}|${s.account ?? ''}|${s.region ?? ''}`;

/** Derives the live reads of the estates, de-duplicated and in a stable order. */
export function readPlan(estates: readonly Estate[], memberRoles: readonly string[] = []): ReadPlan {
  const plan: ReadPlan = { ssm: [], ecs: [], eks: [], roleArns: [] };
  for (const estate of estates) {
    for (const env of estate.environments) {
      if (env.roleArn) plan.roleArns.push(env.roleArn);
      for (const s of env.sources) {
        if (s.type === 'ssm' && !s.from) plan.ssm.push({ ...scope(env, s.region), path: s.path });
        if (s.type === 'ecs' && !s.from && s.cluster && s.service) plan.ecs.push({ ...scope(env, s.region), cluster: s.cluster, service: s.service });
        if (s.type === 'eks') plan.eks.push({ ...scope(env, s.region), cluster: s.cluster, namespace: s.namespace, workload: s.workload });
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
  `arn:aws:ecs:${r.region ?? region}:${r.account ?? account}:service/${r.cluster}/${r.service}`;
export const eksClusterArn = (r: EksRead, account: string, region: string): string =>
  `arn:aws:eks:${r.region ?? region}:${r.account ?? account}:cluster/${r.cluster}`;

/** Parses `arn:aws:iam::123456789012:role/path/name` into its account and name. */
export function parseRoleArn(arn: string): { account: string; name: string; path: string } {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  if (!m) throw new Error(`"${arn}" is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  return { account: m[1]!, path: m[2]!, name: m[3]! };
}
