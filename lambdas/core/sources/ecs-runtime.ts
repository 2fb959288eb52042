import { makeValue } from '../values/value';
import type { ParseContext } from './context';
import type { ChosenService, TaskDef } from './ecs-documents';
import type { ObservationSet, OriginMeta } from './observations';
import { isRecord, str, type Rec } from './shape';

const NUMBER = /^\d+(?:\.\d+)?$/;

/** CPU units (1024 = 1 vCPU) of `256`, `"256"` or `"0.25 vCPU"`; undefined when unreadable. */
export function cpuUnits(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (NUMBER.test(t)) return Number(t);
  const m = /^(\d+(?:\.\d+)?)\s*vcpus?$/i.exec(t);
  return m ? Number(m[1]) * 1024 : undefined;
}

/** MiB of `512`, `"512"`, `"2 GB"` (ECS means GiB: 1 GB = 1024 MiB) or `"512 MiB"`. */
export function memoryMiB(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (NUMBER.test(t)) return Number(t);
  const m = /^(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)$/i.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * (/^g/i.test(m[2] as string) ? 1024 : 1);
}

/** One ECS quantity field: absent, unreadable (reported) or a number; 0 means unset for containers. */
function quantity(v: unknown, read: (v: unknown) => number | undefined, what: string, errors: string[]): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = read(v);
  if (n === undefined) errors.push(`${what} is not a quantity ECS accepts`);
  // DescribeTaskDefinition reports `cpu: 0` for a container that reserves nothing.
  return n === 0 ? undefined : n;
}

/** Writes cpu and memory of the container (falling back to the task's) and the task's limits. */
export function readEcsResources(
  args: { ctx: ParseContext; td: TaskDef; task: string; container?: Rec; where: string; meta: OriginMeta },
  out: ObservationSet,
  errors: string[],
): void {
  const { ctx, td, task, container, where, meta } = args;
  const taskCpu = quantity(td.td.cpu, cpuUnits, `${task} cpu`, errors);
  const taskMem = quantity(td.td.memory, memoryMiB, `${task} memory`, errors);
  const put = (key: string, raw: string, text: string, location: string): void => {
    out.set(key, raw, makeValue(text, false, ctx.fp), location, meta);
  };
  const cpu = (units: number): string => String(units / 1024);
  const mem = (mib: number): string => `${mib}Mi`;
  if (taskCpu !== undefined) put('runtime.cpu.limit', 'cpu', cpu(taskCpu), `${task} cpu`);
  if (!container) return;
  const cCpu = quantity(container.cpu, cpuUnits, `${where} cpu`, errors);
  const cMem = quantity(container.memory, memoryMiB, `${where} memory`, errors);
  const cRes = quantity(container.memoryReservation, memoryMiB, `${where} memoryReservation`, errors);
  if (cCpu !== undefined) put('runtime.cpu', 'cpu', cpu(cCpu), `${where} cpu`);
  else if (taskCpu !== undefined) put('runtime.cpu', 'cpu', cpu(taskCpu), `${task} cpu`);
  if (cRes !== undefined) put('runtime.memory', 'memoryReservation', mem(cRes), `${where} memoryReservation`);
  else if (cMem !== undefined) put('runtime.memory', 'memory', mem(cMem), `${where} memory`);
  else if (taskMem !== undefined) put('runtime.memory', 'memory', mem(taskMem), `${task} memory`);
  if (cMem !== undefined) put('runtime.memory.limit', 'memory', mem(cMem), `${where} memory`);
  else if (taskMem !== undefined) put('runtime.memory.limit', 'memory', mem(taskMem), `${task} memory`);
}

/** Writes `runtime.replicas` from the service's desiredCount. */
export function readEcsService(ctx: ParseContext, svc: ChosenService, out: ObservationSet): void {
  const count = svc.service.desiredCount;
  // A daemon runs one task per container instance: its desired count follows the cluster, as a DaemonSet's pods do.
  if (typeof count !== 'number' || svc.service.schedulingStrategy === 'DAEMON') return;
  const label = `service ${svc.cluster ? `${svc.cluster}/` : ''}${svc.name}`;
  out.set('runtime.replicas', 'desiredCount', makeValue(String(count), false, ctx.fp), `${label} desiredCount`);
}

/**
 * Writes the autoscaling keys from describe-scalable-targets documents (only when one was given:
 * without it autoscaling is unknown, not off). Suspending both scale-in and scale-out disables it.
 */
export function readEcsAutoscaling(
  ctx: ParseContext,
  targetDocs: Rec[][],
  svc: { name?: string; cluster?: string; truncated?: boolean },
  out: ObservationSet,
  errors: string[],
): void {
  if (targetDocs.length === 0) return;
  if (!svc.name) {
    errors.push('scalable targets were given but the service is unknown: set service, or add a describe-services document');
    return;
  }
  const id = (t: Rec): string => str(t.ResourceId) ?? '';
  const matches = targetDocs.flat().filter((t) => {
    if (t.ServiceNamespace !== 'ecs' || t.ScalableDimension !== 'ecs:service:DesiredCount') return false;
    const [kind, cluster, name] = id(t).split('/');
    return kind === 'service' && name === svc.name && (!svc.cluster || cluster === svc.cluster);
  });
  const put = (key: string, raw: string, text: string, location: string): void => {
    out.set(key, raw, makeValue(text, false, ctx.fp), location);
  };
  const target = matches[0];
  const service = `${svc.cluster ? `${svc.cluster}/` : ''}${svc.name}`;
  if (!target && svc.truncated) {
    errors.push(
      `describe-scalable-targets output ends with a NextToken (one page, --max-items?) and holds no target for service ${service}: it may be on a page not recorded`,
    );
    return;
  }
  if (!target) {
    put('runtime.autoscaling.enabled', 'ScalableTargets', 'false', `no scalable target for service ${service}`);
    return;
  }
  if (new Set(matches.map(id)).size > 1) {
    errors.push(`several scalable targets match service ${svc.name} (${matches.map(id).join(', ')}): set cluster`);
    return;
  }
  const s = target.SuspendedState;
  const suspended = isRecord(s) && s.DynamicScalingInSuspended === true && s.DynamicScalingOutSuspended === true;
  const where = `scalable target ${id(target)}`;
  put('runtime.autoscaling.enabled', 'ScalableTargets', suspended ? 'false' : 'true', suspended ? `${where} SuspendedState` : where);
  if (typeof target.MinCapacity === 'number')
    put('runtime.autoscaling.min', 'MinCapacity', String(target.MinCapacity), `${where} MinCapacity`);
  if (typeof target.MaxCapacity === 'number')
    put('runtime.autoscaling.max', 'MaxCapacity', String(target.MaxCapacity), `${where} MaxCapacity`);
}
