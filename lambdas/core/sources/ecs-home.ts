import { ROLE_ARN_SHAPE } from '../aws-identifier-shapes';
import type { ParseContext } from './context';
import type { ChosenService, TaskDef } from './ecs-documents';
import { rec, records, str, type Rec } from './shape';

/** The region and account a task runs in: where ECS looks up a parameter its `secrets` give by name. */
export interface TaskHome {
  region: string;
  account: string;
}

const ECS_ARN = /^arn:aws[a-z-]*:ecs:([^:]+):(\d{12}):/;

/** The region and account of an ECS ARN (a task definition's, a service's). */
export function taskHome(arn: string | undefined): TaskHome | undefined {
  const m = ECS_ARN.exec(arn ?? '');
  return m ? { region: m[1] as string, account: m[2] as string } : undefined;
}

/** The account of the task's roles: ECS passes only roles of the task's own account. */
function roleAccount(td: Rec): string | undefined {
  for (const arn of [str(td.executionRoleArn), str(td.taskRoleArn)]) {
    const m = ROLE_ARN_SHAPE.exec(arn ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/** The region the container sends its logs to (`awslogs-region`): its own, but for a deliberate exception. */
function logRegion(container: Rec | undefined): string | undefined {
  return str(rec(rec(container?.logConfiguration).options)['awslogs-region']);
}

/**
 * Where the task runs, from the most certain witness: the task definition's ARN, the service's, the estate's
 * `region` and `account`; else the account of the task's roles in the estate's region or the one it logs to. A
 * `register-task-definition` input has no ARN of its own, and each environment's copy names its own account's
 * parameters by ARN: without a home they would differ in every environment though ECS reads the same name.
 */
export function ecsHome(
  td: TaskDef,
  service: ChosenService | undefined,
  container: Rec | undefined,
  declared?: ParseContext['environment'],
): TaskHome | undefined {
  const known = taskHome(str(td.td.taskDefinitionArn)) ?? taskHome(str(service?.service.serviceArn));
  if (known) return known;
  const account = declared?.account ?? roleAccount(td.td);
  const region = declared?.region ?? logRegion(container) ?? records(td.td.containerDefinitions).map(logRegion).find(Boolean);
  return account !== undefined && region !== undefined ? { region, account } : undefined;
}
