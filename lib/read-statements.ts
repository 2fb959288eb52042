import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ecsServiceArn, eksClusterArn, ssmParameterArn, type EcsRead, type EksRead, type SsmRead } from './read-access';

export interface LiveReads {
  ssm: SsmRead[];
  ecs: EcsRead[];
  eks: EksRead[];
  /** Buckets holding ECS environment files: `s3:GetObject` on them, only if given. */
  envFileBuckets?: string[];
}

const sorted = (xs: string[]) => [...new Set(xs)].sort();
const oneOrMany = (xs: string[]): string | string[] => (xs.length === 1 ? xs[0]! : xs);

/**
 * The read-only statements for a set of live reads, made in `account`/`region` unless a read declares
 * its own: resources are exactly the declared paths, services and clusters wherever the API allows
 * one; the Describe calls that only accept `*` get `*`.
 */
export function readStatements(reads: LiveReads, account: string, region: string): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  if (reads.ssm.length) {
    out.push(
      new PolicyStatement({
        sid: 'ReadDeclaredParameters',
        actions: ['ssm:GetParameters', 'ssm:GetParametersByPath'],
        resources: sorted(reads.ssm.map((r) => ssmParameterArn(r, account, region))),
      }),
      // DescribeParameters has no resource-level permissions; it returns metadata, never values.
      new PolicyStatement({ sid: 'DescribeParameters', actions: ['ssm:DescribeParameters'], resources: ['*'] }),
      // SecureStrings: decrypt only through Parameter Store, in the regions the paths live in.
      new PolicyStatement({
        sid: 'DecryptSecureStringsViaSsm',
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': oneOrMany(sorted(reads.ssm.map((r) => `ssm.${r.region ?? region}.amazonaws.com`))) } },
      }),
    );
  }
  if (reads.ecs.length) {
    out.push(
      new PolicyStatement({ sid: 'DescribeDeclaredServices', actions: ['ecs:DescribeServices'], resources: sorted(reads.ecs.map((r) => ecsServiceArn(r, account, region))) }),
      // Neither call supports resource-level permissions.
      new PolicyStatement({
        sid: 'DescribeTaskDefinitionsAndScaling',
        actions: ['ecs:DescribeTaskDefinition', 'application-autoscaling:DescribeScalableTargets'],
        resources: ['*'],
      }),
    );
    if (reads.envFileBuckets?.length) {
      out.push(new PolicyStatement({ sid: 'ReadEnvironmentFiles', actions: ['s3:GetObject'], resources: sorted(reads.envFileBuckets.map((b) => `arn:aws:s3:::${b}/*`)) }));
    }
  }
  if (reads.eks.length) {
    out.push(new PolicyStatement({ sid: 'DescribeDeclaredClusters', actions: ['eks:DescribeCluster'], resources: sorted(reads.eks.map((r) => eksClusterArn(r, account, region))) }));
  }
  return out;
}

export const READ_WILDCARDS_REASON =
  'ssm:DescribeParameters, ecs:DescribeTaskDefinition and application-autoscaling:DescribeScalableTargets support no resource-level permissions; ' +
  'kms:Decrypt on * is limited by kms:ViaService to Parameter Store; a parameter ARN ends in * to cover exactly the declared path (GetParametersByPath); ' +
  'environment files are objects of the buckets the user names.';

/** The cdk-nag IAM5 findings `readStatements` produces, to acknowledge exactly those. */
export function readWildcardFindings(reads: LiveReads, account = '<AWS::AccountId>', region = '<AWS::Region>'): string[] {
  return readStatements(reads, account, region)
    .flatMap((s) => s.resources)
    .filter((r) => r.includes('*'))
    .map((r) => `Resource::${r}`);
}
