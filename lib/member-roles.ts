import { partitionOf } from '../lambdas/core/aws-partition';
import { ContextError } from './context-values';
import { region as checkRegion } from './declared-names';
import { parseRoleArn } from './read-access';

/**
 * `-c memberRoles` in another partition than the installation's: it would synthesize, and every
 * AssumeRole fail at night (roles cannot be assumed across partitions). The estates' own `roleArn`
 * are checked with their positions by `deployProblems`.
 */
export function checkMemberRolePartitions(memberRoles: readonly string[], installationRegion: string | undefined): void {
  if (!installationRegion || 'problem' in checkRegion(installationRegion)) return;
  const mine = partitionOf(installationRegion).name;
  const elsewhere = memberRoles.filter((arn) => arn.split(':')[1] !== mine);
  if (elsewhere.length)
    throw new ContextError(
      `-c memberRoles: ${elsewhere.map((a) => JSON.stringify(a)).join(', ')} ${elsewhere.length > 1 ? 'are' : 'is'} not in the ` +
        `${mine} partition of the installation (${installationRegion}): an installation reads only its own partition; ` +
        `audit those accounts from an installation there`,
    );
}

/**
 * IAM role names are unique in an account whatever their path, and without regard to case: two ARNs
 * with one account and name are one role, and one of them is misspelt. Each would get its own member
 * stack creating that role, and the second fail to deploy.
 */
export function checkOneArnPerRole(roleArns: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const arn of roleArns) {
    const { account, name } = parseRoleArn(arn);
    const key = `${account}/${name.toLowerCase()}`;
    const other = seen.get(key);
    if (other && other !== arn)
      throw new ContextError(
        `the read roles ${other} and ${arn} are one role: IAM role names are unique in an account, whatever their path or case. ` +
          `Write the ARN IAM shows for it (aws iam get-role --role-name ${name}) in every environment's roleArn and in -c memberRoles`,
      );
    seen.set(key, arn);
  }
}
