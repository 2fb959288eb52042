import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ecsServiceArn, eksClusterArn, ssmParameterArn, type EcsRead, type EksRead, type SsmRead } from './read-access';

export interface LiveReads {
  ssm: SsmRead[];
  ecs: EcsRead[];
  eks: EksRead[];
  /** Buckets holding ECS environment files (checked names): `s3:GetObject` on their objects. */
  envFileBuckets?: string[];
}

const sorted = (xs: string[]) => [...new Set(xs)].sort();
const oneOrMany = (xs: string[]): string | string[] => (xs.length === 1 ? xs[0]! : xs);
const envFileObjects = (buckets: string[]) => sorted(buckets.map((b) => `arn:aws:s3:::${b}/*`));

/**
 * The read-only statements for a set of live reads, made in `account`/`region` unless a read declares
 * its own. Resources are exactly the declared paths, services and clusters, and only the calls the
 * collectors make: DescribeParameters then GetParameters for SSM (never GetParametersByPath), the
 * Describe calls that accept only `*` on `*`. The reads' names were checked (no wildcards) by readPlan.
 */
export function readStatements(reads: LiveReads, account: string, region: string): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  if (reads.ssm.length) {
    const parameters = sorted(reads.ssm.map((r) => ssmParameterArn(r, account, region)));
    out.push(
      new PolicyStatement({ sid: 'ReadDeclaredParameters', actions: ['ssm:GetParameters'], resources: parameters }),
      // DescribeParameters has no resource-level permissions; it returns metadata, never values.
      new PolicyStatement({ sid: 'DescribeParameters', actions: ['ssm:DescribeParameters'], resources: ['*'] }),
      // SecureStrings: decrypt only through Parameter Store, which decrypts only what GetParameters
      // above lets this role read.
      new PolicyStatement({
        sid: 'DecryptSecureStringsViaSsm',
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:ViaService': oneOrMany(sorted(reads.ssm.map((r) => `ssm.${r.region ?? region}.amazonaws.com`))) },
        },
      }),
    );
  }
  if (reads.ecs.length) {
    out.push(
      new PolicyStatement({
        sid: 'DescribeDeclaredServices',
        actions: ['ecs:DescribeServices'],
        resources: sorted(reads.ecs.map((r) => ecsServiceArn(r, account, region))),
      }),
      // Neither call supports resource-level permissions.
      new PolicyStatement({
        sid: 'DescribeTaskDefinitionsAndScaling',
        actions: ['ecs:DescribeTaskDefinition', 'application-autoscaling:DescribeScalableTargets'],
        resources: ['*'],
      }),
    );
    if (reads.envFileBuckets?.length) {
      out.push(
        new PolicyStatement({ sid: 'ReadEnvironmentFiles', actions: ['s3:GetObject'], resources: envFileObjects(reads.envFileBuckets) }),
      );
    }
  }
  if (reads.eks.length) {
    out.push(
      new PolicyStatement({
        sid: 'DescribeDeclaredClusters',
        actions: ['eks:DescribeCluster'],
        resources: sorted(reads.eks.map((r) => eksClusterArn(r, account, region))),
      }),
    );
  }
  return out;
}

export const READ_WILDCARDS_REASON =
  'ssm:DescribeParameters, ecs:DescribeTaskDefinition and application-autoscaling:DescribeScalableTargets support no resource-level permissions; ' +
  'kms:Decrypt on * is limited by kms:ViaService to Parameter Store (which decrypts only the parameters GetParameters allows); ' +
  'a parameter ARN ends in /* to cover exactly the declared path (checked: no wildcard in it); ' +
  'environment files are objects of the buckets the user names (checked bucket names).';

/**
 * The cdk-nag IAM5 findings to acknowledge for a set of reads, built from the declared (checked)
 * paths and buckets, never read back from the statements: a wildcard that nobody declared stays a finding.
 */
export function readWildcardFindings(reads: LiveReads, account = '<AWS::AccountId>', region = '<AWS::Region>'): string[] {
  const out: string[] = [];
  if (reads.ssm.length || reads.ecs.length) out.push('*');
  out.push(...sorted(reads.ssm.map((r) => ssmParameterArn(r, account, region))));
  if (reads.ecs.length && reads.envFileBuckets?.length) out.push(...envFileObjects(reads.envFileBuckets));
  return out.map((r) => `Resource::${r}`);
}
