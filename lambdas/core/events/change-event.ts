/** What a change event says moved, in the account and region it happened: the names only, never a value. */
export type ChangeEvent = Where & Changed;

/** Where and when a change happened. */
export interface Where {
  account: string;
  region: string;
  time: string;
}

/**
 * What changed: SSM parameters by name, an ECS service, or a task-definition family. An ECS
 * service without a cluster was named by an old-format ARN (`service/NAME`) and nothing beside it.
 */
export type Changed =
  | { kind: 'ssm-parameter'; names: string[] }
  | { kind: 'ecs-service'; cluster?: string; service: string }
  | { kind: 'ecs-task-definition'; family: string };

export type ChangeKind = ChangeEvent['kind'];

/** The last segment of an ARN's resource part: `service/prod/api` → `api` (a plain name is itself). */
export const lastSegment = (nameOrArn: string): string => nameOrArn.split('/').at(-1) ?? nameOrArn;

/** The cluster of `arn:…:service/CLUSTER/NAME`; undefined for the legacy `service/NAME` form or a plain name. */
export function clusterOfServiceArn(arn: string): string | undefined {
  const m = /:service\/([^/]+)\/[^/]+$/.exec(arn);
  return m?.[1];
}
