import type { EventPattern } from 'aws-cdk-lib/aws-events';

/**
 * The change events drift routes (lambdas/core/events/parse-event.ts reads exactly these): the
 * installation's rules and each member's forwarding rule match the same patterns.
 */
export const CHANGE_EVENT_PATTERNS: Record<'SsmParameterChanges' | 'EcsServiceChanges' | 'EcsApiCalls', EventPattern> = {
  // Name and operation, never the value; best effort (the nightly run is the backstop).
  SsmParameterChanges: { source: ['aws.ssm'], detailType: ['Parameter Store Change'] },
  EcsServiceChanges: { source: ['aws.ecs'], detailType: ['ECS Deployment State Change', 'ECS Service Action'] },
  // Only where CloudTrail delivers management events to EventBridge (a trail in the account).
  EcsApiCalls: {
    source: ['aws.ecs'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: { eventSource: ['ecs.amazonaws.com'], eventName: ['RegisterTaskDefinition', 'UpdateService'] },
  },
};
