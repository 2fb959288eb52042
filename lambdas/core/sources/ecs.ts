import type { ParseContext } from './context';
import { classifyDocuments, pickService, pickTaskDef, taskDefLabel, type TaskDef } from './ecs-documents';
import { readEcsEnv } from './ecs-env';
import { ecsHome } from './ecs-home';
import { readEcsAutoscaling, readEcsResources, readEcsService } from './ecs-runtime';
import { ecsRuntime, isoTime } from './ecs-tasks';
import { ObservationSet, type OriginMeta } from './observations';
import type { SourceParseResult } from './result';
import { records, str, type Rec } from './shape';

export { parseValueFrom } from './ecs-env';

/** What an ECS source reads: task definition / service / scalable-target documents and env files. */
export interface EcsInputs {
  documents: Array<{ file: string; json: unknown }>;
  envFiles: Array<{ file: string; text: string }>;
}

/** Options of an `ecs` source. */
export interface EcsOptions {
  container?: string;
  service?: string;
  cluster?: string;
}

function taskMeta(t: TaskDef): OriginMeta {
  const meta: OriginMeta = {};
  if (t.revision !== undefined) meta.version = t.revision;
  const at = isoTime(t.td.registeredAt);
  const by = str(t.td.registeredBy);
  if (at !== undefined) meta.modifiedAt = at;
  if (by !== undefined) meta.modifiedBy = by;
  return meta;
}

function pickContainer(t: TaskDef, task: string, wanted: string | undefined, errors: string[]): Rec | undefined {
  const containers = records(t.td.containerDefinitions);
  const names = containers.map((c) => str(c.name) ?? '?');
  if (containers.length === 0) errors.push(`${task} has no containers`);
  else if (wanted !== undefined) {
    const found = containers.find((c) => c.name === wanted);
    if (found) return found;
    errors.push(`container "${wanted}" not found in ${task} (containers: ${names.join(', ')})`);
  } else if (containers.length > 1) errors.push(`${task} has several containers (${names.join(', ')}): set container`);
  else return containers[0];
  return undefined;
}

/**
 * The effective configuration of one ECS container: its environment with the agent's precedence,
 * `secrets` as references, and the `runtime.*` keys the documents can tell. Never throws on input.
 */
export function parseEcs(inputs: EcsInputs, opts: EcsOptions, ctx: ParseContext): SourceParseResult {
  const errors: string[] = [];
  const out = new ObservationSet(ctx);
  const docs = classifyDocuments(inputs.documents, errors);
  const service = pickService(docs, opts, errors);
  const td = pickTaskDef(docs, service, errors);
  let reads: string[] = [];
  if (td) {
    const task = `taskdef ${taskDefLabel(td)}`;
    const meta = taskMeta(td);
    const container = pickContainer(td, task, opts.container, errors);
    const where = `${task} container ${str(container?.name) ?? '?'}`;
    const home = ecsHome(td, service, container, ctx.environment);
    if (container) reads = readEcsEnv({ ctx, container, where, meta, envFiles: inputs.envFiles, ...(home ? { home } : {}) }, out, errors);
    readEcsResources({ ctx, td, task, where, meta, ...(container ? { container } : {}) }, out, errors);
  }
  if (service) readEcsService(ctx, service, out);
  const cluster = opts.cluster ?? service?.cluster;
  const name = opts.service ?? service?.name;
  const svc = { ...(name ? { name } : {}), ...(cluster ? { cluster } : {}), ...(docs.targetsTruncated ? { truncated: true } : {}) };
  readEcsAutoscaling(ctx, docs.targetDocs, svc, out, errors);
  const runtime = ecsRuntime(docs.tasks, service, td, reads);
  return { observations: out.list(), dangling: [], errors, ...(runtime ? { runtime } : {}) };
}
