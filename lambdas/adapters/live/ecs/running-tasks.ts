import { DescribeTasksCommand, ListTasksCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import { eachPageOrError } from '../paging';
import type { AwsCalls } from './aws-calls';
import { toCliJson } from './cli-json';

/** Only what the runtime check reads: `overrides` may carry environment values, and are never kept. */
const kept = (t: Task): Partial<Task> => ({
  taskArn: t.taskArn,
  clusterArn: t.clusterArn,
  taskDefinitionArn: t.taskDefinitionArn,
  group: t.group,
  lastStatus: t.lastStatus,
  desiredStatus: t.desiredStatus,
  startedAt: t.startedAt,
});

/** DescribeTasks takes at most 100 tasks per call. */
const DESCRIBE_BATCH = 100;

/**
 * The running tasks of a service as `aws ecs describe-tasks` prints them (`ListTasks` by service
 * name and desired status, then `DescribeTasks`): when each started and which revision it runs.
 * Undefined when a call failed (its error line is in `errors`) or the service runs no task.
 */
export async function describeRunningTasks(
  ecs: ECSClient,
  calls: AwsCalls,
  cluster: string,
  service: string,
  errors: string[],
): Promise<{ file: string; json: unknown } | undefined> {
  const where = `${cluster}/${service}`;
  const arns: string[] = [];
  // Endless paging leaves only the running tasks unknown: the service's variables stand.
  const read = await eachPageOrError(
    `ecs ListTasks on ${where}`,
    errors,
    (nextToken) =>
      calls.run('ecs', 'ListTasks', where, errors, () =>
        ecs.send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus: 'RUNNING', ...(nextToken ? { nextToken } : {}) })),
      ),
    (page) => page.nextToken,
    (page) => arns.push(...(page.taskArns ?? [])),
  );
  if (!read) return undefined;
  if (!arns.length) return undefined;
  const tasks: Array<Partial<Task>> = [];
  for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
    const out = await calls.run('ecs', 'DescribeTasks', where, errors, () =>
      ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + DESCRIBE_BATCH) })),
    );
    if (!out) return undefined;
    tasks.push(...(out.tasks ?? []).map(kept));
  }
  return { file: `ecs describe-tasks ${where}`, json: toCliJson({ tasks, failures: [] }) };
}
