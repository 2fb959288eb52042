import { clusterOfServiceArn, lastSegment, type ChangeEvent, type Changed } from './change-event';
import { isRecord, type Rec } from '../sources/shape';

const obj = (v: unknown): Rec | undefined => (isRecord(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The Parameter Store Change operations that move a value (not LabelParameterVersion). */
export const SSM_VALUE_OPERATIONS = ['Create', 'Delete', 'Update'] as const;
const movesValue = (operation: unknown): boolean => (SSM_VALUE_OPERATIONS as readonly unknown[]).includes(operation);

/** `foo` and `/foo` name the same top-level parameter; the declared paths start with `/`. */
const parameterName = (name: string): string => (name.startsWith('/') ? name : `/${name}`);

/**
 * ECS events name their service by ARN in `resources`. An old-format ARN (`service/NAME`) names no
 * cluster, and a deployment event gives none beside it: the service is named alone.
 */
function servicesOf(resources: string[], clusterArn: string | undefined): Array<{ cluster?: string; service: string }> {
  return resources
    .filter((r) => r.includes(':service/'))
    .map((arn) => {
      const cluster = clusterOfServiceArn(arn) ?? (clusterArn ? lastSegment(clusterArn) : undefined);
      return cluster ? { cluster, service: lastSegment(arn) } : { service: lastSegment(arn) };
    });
}

/** What a CloudTrail-delivered ECS call changed: the service it updated, or the family it registered a revision of. */
function cloudTrailChanges(detail: Rec): Changed[] {
  if (str(detail.errorCode)) return [];
  const request = obj(detail.requestParameters) ?? {};
  // A blue/green (CodeDeploy) deployment goes live by making its new task set primary: the same request fields.
  if (detail.eventName === 'UpdateService' || detail.eventName === 'UpdateServicePrimaryTaskSet') {
    const service = str(request.service);
    if (!service) return [];
    // The API's default cluster when the call names none.
    const cluster = clusterOfServiceArn(service) ?? lastSegment(str(request.cluster) ?? 'default');
    return [{ kind: 'ecs-service', cluster, service: lastSegment(service) }];
  }
  if (detail.eventName === 'RegisterTaskDefinition') {
    const family = str(request.family);
    return family ? [{ kind: 'ecs-task-definition', family }] : [];
  }
  return [];
}

/**
 * The changes an EventBridge event announces (Parameter Store Change, ECS Deployment State Change,
 * ECS Service Action, an ECS call delivered by CloudTrail); none for anything else or a malformed body.
 */
export function parseChangeEvent(body: unknown): ChangeEvent[] {
  const e = obj(body);
  const detail = obj(e?.detail);
  const account = str(e?.account);
  const region = str(e?.region);
  if (!e || !detail || !account || !region) return [];
  const where = { account, region, time: str(e.time) ?? '' };
  const type = e['detail-type'];
  if (e.source === 'aws.ssm' && type === 'Parameter Store Change') {
    const name = str(detail.name);
    return name && movesValue(detail.operation) ? [{ ...where, kind: 'ssm-parameter', names: [parameterName(name)] }] : [];
  }
  if (e.source === 'aws.ecs' && (type === 'ECS Deployment State Change' || type === 'ECS Service Action')) {
    return servicesOf(strings(e.resources), str(detail.clusterArn)).map((s): ChangeEvent => ({ ...where, kind: 'ecs-service', ...s }));
  }
  if (e.source === 'aws.ecs' && type === 'AWS API Call via CloudTrail' && detail.eventSource === 'ecs.amazonaws.com') {
    return cloudTrailChanges(detail).map((c): ChangeEvent => ({ ...where, ...c }));
  }
  return [];
}

/**
 * The event's identity: EventBridge's `id` within its account. EventBridge delivers at least once,
 * so one event can reach the buffer twice, with two message ids; undefined when the body names none.
 */
export function changeEventKey(body: unknown): string | undefined {
  const e = obj(body);
  const id = str(e?.id);
  const account = str(e?.account);
  return id && account ? `${account}/${id}` : undefined;
}
