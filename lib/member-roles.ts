import { partitionOf } from '../lambdas/core/aws-partition';
import { ContextError } from './context-values';
import { region as checkRegion } from './declared-names';

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
