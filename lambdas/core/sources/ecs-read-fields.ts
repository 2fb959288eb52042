import { listOf, pick, type Fields } from './read-fields';
import { isContainerDefinitionList, singleService } from './ecs-documents';
import { isRecord } from './shape';

// What parseEcs reads, declared once: the task-definition cache and `drift snapshot --record` keep
// these fields only, so a command line, a log driver's options or a label never reach either.
const CONTAINER: Fields = {
  name: true,
  cpu: true,
  memory: true,
  memoryReservation: true,
  environment: listOf({ name: true, value: true }),
  environmentFiles: listOf({ value: true, type: true }),
  secrets: listOf({ name: true, valueFrom: true }),
};
const TASK_DEFINITION: Fields = {
  taskDefinitionArn: true,
  family: true,
  revision: true,
  registeredAt: true,
  registeredBy: true,
  cpu: true,
  memory: true,
  containerDefinitions: listOf(CONTAINER),
};
const SERVICE: Fields = {
  serviceName: true,
  serviceArn: true,
  clusterArn: true,
  status: true,
  taskDefinition: true,
  desiredCount: true,
  schedulingStrategy: true,
  deployments: listOf({ status: true, rolloutState: true, createdAt: true }),
};
const SERVICES: Fields = { services: listOf(SERVICE), failures: listOf({ arn: true, reason: true }) };
// describe-tasks: when each task started and what it runs; `overrides` may carry values and are never kept.
const TASKS: Fields = {
  tasks: listOf({ taskArn: true, clusterArn: true, taskDefinitionArn: true, group: true, lastStatus: true, startedAt: true }),
};
const SCALABLE_TARGETS: Fields = {
  ScalableTargets: listOf({
    ServiceNamespace: true,
    ScalableDimension: true,
    ResourceId: true,
    MinCapacity: true,
    MaxCapacity: true,
    SuspendedState: (v) => pick(v, { DynamicScalingInSuspended: true, DynamicScalingOutSuspended: true }),
  }),
  // A page that ends with one was not the whole listing: the parser says so.
  NextToken: true,
};

/** A task definition (the `taskDefinition` of describe-task-definition) with only what parseEcs reads. */
export const taskDefinitionAsRead = (td: unknown): unknown => pick(td, TASK_DEFINITION);

/**
 * An ECS document with only what parseEcs reads of it, told apart as the parser tells documents
 * apart (see classifyDocuments): it parses to the same observations and errors as the original.
 */
export function ecsDocumentAsRead(json: unknown): unknown {
  // Recorded as the task definition it is part of, so the recording reads (and redacts) it as one.
  if (isContainerDefinitionList(json)) return taskDefinitionAsRead({ containerDefinitions: json });
  if (!isRecord(json)) return null;
  if ('taskDefinition' in json) return { taskDefinition: taskDefinitionAsRead(json.taskDefinition) };
  if ('containerDefinitions' in json) return taskDefinitionAsRead(json);
  if (Array.isArray(json.services)) return pick(json, SERVICES);
  if (Array.isArray(json.tasks)) return pick(json, TASKS);
  if (Array.isArray(json.ScalableTargets)) return pick(json, SCALABLE_TARGETS);
  // Recorded as describe-services prints it, so the recording reads as the same service.
  const service = singleService(json);
  if (service) return { services: [pick(service, SERVICE)] };
  return {};
}
