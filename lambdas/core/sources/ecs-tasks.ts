import type { RuntimeUnit, WorkloadRuntime } from '../model';
import { arnName, parseTaskDefArn, type ChosenService, type TaskDef } from './ecs-documents';
import { records, str, type Rec } from './shape';

/** The CLI prints ISO text, the raw API epoch seconds; both become ISO-8601 UTC. */
export function isoTime(v: unknown): string | undefined {
  const d = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
  if (!d) return undefined;
  return Number.isNaN(d.getTime()) ? (typeof v === 'string' ? v : undefined) : d.toISOString();
}

const revisionText = (arn: string | undefined): string | undefined => {
  const r = parseTaskDefArn(arn ?? '')?.revision;
  return r === undefined ? undefined : String(r);
};

/** A task of the service (its `group`), running, in the service's cluster when both say. */
function belongs(task: Rec, service: ChosenService | undefined): boolean {
  if (task.lastStatus !== undefined && task.lastStatus !== 'RUNNING') return false;
  if (!service) return true;
  const group = str(task.group);
  if (group !== undefined && group !== `service:${service.name}`) return false;
  const cluster = arnName(str(task.clusterArn));
  return !cluster || !service.cluster || cluster === service.cluster;
}

/**
 * The running tasks of describe-tasks documents as runtime units: when each started and which
 * revision it runs; `reads` (the keys resolved at start) apply to tasks of the chosen revision.
 */
export function ecsRuntime(
  tasks: Rec[],
  service: ChosenService | undefined,
  td: TaskDef | undefined,
  reads: string[],
): WorkloadRuntime | undefined {
  const units: RuntimeUnit[] = [];
  const current = td?.revision !== undefined ? String(td.revision) : undefined;
  for (const task of tasks) {
    const startedAt = isoTime(task.startedAt);
    const id = arnName(str(task.taskArn));
    if (!belongs(task, service) || !startedAt || !id) continue;
    const revision = revisionText(str(task.taskDefinitionArn));
    const sameFamily = !td?.family || parseTaskDefArn(str(task.taskDefinitionArn) ?? '')?.family === td.family;
    units.push({
      unit: 'task',
      id,
      startedAt,
      ...(revision !== undefined ? { revision } : {}),
      reads: sameFamily && (revision === undefined || revision === current) ? [...reads] : [],
    });
  }
  if (!units.length) return undefined;
  units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const expected = service ? revisionText(str(service.service.taskDefinition)) : undefined;
  const primary = records(service?.service.deployments).find((d) => d.status === 'PRIMARY');
  const since = primary?.rolloutState === 'IN_PROGRESS' ? isoTime(primary.createdAt) : undefined;
  return {
    workload: `service ${service?.name ?? td?.family ?? '?'}`,
    ...(expected !== undefined ? { revision: expected } : {}),
    ...(since !== undefined ? { rolloutSince: since } : {}),
    units,
  };
}
