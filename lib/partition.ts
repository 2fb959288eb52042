import { Aws, Token } from 'aws-cdk-lib';
import { partitionOf } from '../lambdas/core/aws-partition';

/**
 * The partition of a stack in `region`: the region's (`aws-cn`, `aws-us-gov`, …) when it is known at
 * synth, so a commercial template keeps its literal ARNs; else the deploy-time `AWS::Partition`.
 */
export const partitionIn = (region: string): string => (Token.isUnresolved(region) ? Aws.PARTITION : partitionOf(region).name);
