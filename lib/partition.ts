import { Aws, Token } from 'aws-cdk-lib';
import { partitionOf, viaServiceNames } from '../lambdas/core/aws-partition';

/**
 * The partition of a stack in `region`: the region's (`aws-cn`, `aws-us-gov`, …) when it is known at
 * synth, so a commercial template keeps its literal ARNs; else the deploy-time `AWS::Partition`.
 */
export const partitionIn = (region: string): string => (Token.isUnresolved(region) ? Aws.PARTITION : partitionOf(region).name);

/** `kms:ViaService` for a service in the stack's region: every name it goes by there, when the region is known at synth. */
export function viaServiceIn(service: string, region: string): string | string[] {
  if (Token.isUnresolved(region)) return `${service}.${region}.amazonaws.com`;
  const names = viaServiceNames(service, region);
  return names.length === 1 ? names[0]! : names;
}
