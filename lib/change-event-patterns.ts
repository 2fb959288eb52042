import type { EventPattern } from 'aws-cdk-lib/aws-events';
import { SSM_VALUE_OPERATIONS } from '../lambdas/core/events/parse-event';

/**
 * The change events drift routes (lambdas/core/events/parse-event.ts reads exactly these): the
 * installation's rules and each member's forwarding rule match the same patterns.
 */
export const CHANGE_EVENT_PATTERNS: Record<'SsmParameterChanges' | 'EcsServiceChanges' | 'EcsApiCalls', EventPattern> = {
  // Name and operation, never the value; best effort (the nightly run is the backstop). Not
  // LabelParameterVersion: a label moved between versions changes no value drift reads.
  SsmParameterChanges: {
    source: ['aws.ssm'],
    detailType: ['Parameter Store Change'],
    detail: { operation: [...SSM_VALUE_OPERATIONS] },
  },
  // Deployments only: ECS Service Action events report health (SERVICE_STEADY_STATE periodically,
  // TASKS_STOPPED, placement failures), each of which would read the environment again for nothing.
  EcsServiceChanges: { source: ['aws.ecs'], detailType: ['ECS Deployment State Change'] },
  // Only where CloudTrail delivers management events to EventBridge (a trail in the account).
  // UpdateServicePrimaryTaskSet is a blue/green (CodeDeploy) deployment going live. Not
  // RegisterTaskDefinition: a new revision changes nothing running until UpdateService uses it, and
  // its request holds every container's plain environment values, which would be forwarded from the
  // members and kept in the buffer and its dead-letter queue.
  EcsApiCalls: {
    source: ['aws.ecs'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: { eventSource: ['ecs.amazonaws.com'], eventName: ['UpdateService', 'UpdateServicePrimaryTaskSet'] },
  },
};

const patternValues = (field: 'source' | 'detailType'): string[] =>
  [...new Set(Object.values(CHANGE_EVENT_PATTERNS).flatMap((p) => p[field] ?? []))].sort();

/**
 * What a member's forwarding rules may put on the installation's default bus, and nothing else:
 * that bus serves every other rule of the account, which a member must not feed events of its own
 * making (a custom source cannot start with `aws.`).
 */
export const FORWARDED_EVENTS_CONDITION = {
  // ForAllValues over the batch's sources (as EventBridge's example); detail-type single-valued, so a missing key refuses.
  'ForAllValues:StringEquals': { 'events:source': patternValues('source') },
  StringEquals: { 'events:detail-type': patternValues('detailType') },
};
