import {
  DescribeScalableTargetsCommand,
  type ApplicationAutoScalingClient,
  type ScalableTarget,
} from '@aws-sdk/client-application-auto-scaling';
import type { AwsCalls } from './aws-calls';
import { toCliJson } from './cli-json';
import { eachPageOrError } from '../paging';

// One resource id rarely has more than one page; this only stops a service that keeps returning tokens.
const MAX_TARGET_PAGES = 50;

/**
 * The `describe-scalable-targets` document of one service, every page of it; undefined when it
 * could not be read, so autoscaling stays unknown rather than looking switched off.
 */
export async function describeServiceTargets(
  autoscaling: ApplicationAutoScalingClient,
  calls: AwsCalls,
  cluster: string,
  service: string,
  errors: string[],
): Promise<{ ScalableTargets: unknown } | undefined> {
  const resourceId = `service/${cluster}/${service}`;
  const targets: ScalableTarget[] = [];
  const read = await eachPageOrError(
    `application-autoscaling DescribeScalableTargets on ${resourceId}`,
    errors,
    (token) =>
      calls.run('application-autoscaling', 'DescribeScalableTargets', resourceId, errors, () =>
        autoscaling.send(
          new DescribeScalableTargetsCommand({
            ServiceNamespace: 'ecs',
            ResourceIds: [resourceId],
            ScalableDimension: 'ecs:service:DesiredCount',
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      ),
    (out) => out.NextToken,
    (out) => targets.push(...(out.ScalableTargets ?? [])),
    MAX_TARGET_PAGES,
  );
  return read ? { ScalableTargets: toCliJson(targets) } : undefined;
}
