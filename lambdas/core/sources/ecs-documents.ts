import { isRecord, records, str, type Rec } from './shape';

/** A task definition with where it came from. */
export interface TaskDef {
  file: string;
  td: Rec;
  family?: string;
  revision?: number;
}

/** The recorded or fetched documents of an ECS source, sorted by what they are. */
export interface EcsDocuments {
  taskDefs: TaskDef[];
  services: Array<{ file: string; service: Rec }>;
  failures: Rec[];
  /** One entry per scalable-targets document: their targets. */
  targetDocs: Rec[][];
  /** The last scalable-targets document ends with a NextToken: targets may be on pages not recorded. */
  targetsTruncated?: boolean;
  /** The tasks of describe-tasks documents. */
  tasks: Rec[];
}

function taskDef(file: string, td: Rec): TaskDef {
  const arn = parseTaskDefArn(str(td.taskDefinitionArn) ?? '');
  const family = str(td.family) ?? arn?.family;
  const revision = typeof td.revision === 'number' ? td.revision : arn?.revision;
  return { file, td, ...(family !== undefined ? { family } : {}), ...(revision !== undefined ? { revision } : {}) };
}

/**
 * A bare list of container definitions, as Terraform's `container_definitions` and
 * `register-task-definition --container-definitions` keep a task definition's containers.
 */
export const isContainerDefinitionList = (json: unknown): json is Rec[] =>
  Array.isArray(json) && json.length > 0 && json.every((c) => isRecord(c) && typeof c.name === 'string');

/** A CloudFormation template (as `cdk synth` writes one too): resources typed `AWS::…`. */
const isCloudFormationTemplate = (json: Rec): boolean =>
  isRecord(json.Resources) && Object.values(json.Resources).some((r) => isRecord(r) && str(r.Type)?.startsWith('AWS::'));

/**
 * The one service of a document that holds a single one: the `{ service }` that create-service and
 * update-service print, or the create-service input itself (as ecspresso keeps a service beside its
 * task definition), told by fields only a service has.
 */
export function singleService(json: Rec): Rec | undefined {
  if (isRecord(json.service)) return json.service;
  const bare =
    typeof json.desiredCount === 'number' || typeof json.schedulingStrategy === 'string' || isRecord(json.deploymentConfiguration);
  return bare ? json : undefined;
}

/** Sorts documents by shape: each one's shape says what it is. Unknown shapes are errors. */
export function classifyDocuments(documents: Array<{ file: string; json: unknown }>, errors: string[]): EcsDocuments {
  const out: EcsDocuments = { taskDefs: [], services: [], failures: [], targetDocs: [], tasks: [] };
  for (const { file, json } of documents) {
    if (isContainerDefinitionList(json)) {
      out.taskDefs.push(taskDef(file, { containerDefinitions: json }));
    } else if (!isRecord(json)) {
      errors.push(`${file}: not a JSON object`);
    } else if ('taskDefinition' in json) {
      if (isRecord(json.taskDefinition) && Array.isArray(json.taskDefinition.containerDefinitions))
        out.taskDefs.push(taskDef(file, json.taskDefinition));
      else errors.push(`${file}: taskDefinition is not a task definition (no containerDefinitions list)`);
    } else if ('containerDefinitions' in json) {
      if (Array.isArray(json.containerDefinitions)) out.taskDefs.push(taskDef(file, json));
      else errors.push(`${file}: containerDefinitions is not a list`);
    } else if (Array.isArray(json.services)) {
      for (const service of records(json.services)) out.services.push({ file, service });
      out.failures.push(...records(json.failures));
    } else if (Array.isArray(json.tasks)) {
      out.tasks.push(...records(json.tasks));
    } else if (Array.isArray(json.ScalableTargets)) {
      out.targetDocs.push(records(json.ScalableTargets));
      out.targetsTruncated = typeof json.NextToken === 'string' && json.NextToken !== '';
    } else if (singleService(json)) {
      out.services.push({ file, service: singleService(json) as Rec });
    } else if (isCloudFormationTemplate(json)) {
      errors.push(
        `${file}: a CloudFormation template, not what ECS runs (its values may be unresolved parameters): record the task definition with aws ecs describe-task-definition`,
      );
    } else {
      errors.push(`${file}: not an ECS task definition, describe-services or describe-scalable-targets document`);
    }
  }
  return out;
}

/** `arn:aws:ecs:…:task-definition/family:42` (or `family:42`) to its parts. */
export function parseTaskDefArn(arn: string): { family: string; revision?: number } | undefined {
  const m = /(?:^|:task-definition\/)([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(arn);
  if (!m) return undefined;
  return { family: m[1] as string, ...(m[2] ? { revision: Number(m[2]) } : {}) };
}

/** `checkout-api:42`, or as much of it as is known. */
export const taskDefLabel = (t: TaskDef): string => (t.family ? `${t.family}${t.revision !== undefined ? `:${t.revision}` : ''}` : t.file);

/** The last segment of an ARN resource (`…:cluster/staging` → `staging`). */
export const arnName = (arn: string | undefined): string | undefined =>
  arn ? arn.slice(arn.lastIndexOf('/') + 1) || undefined : undefined;

/** The chosen service and the cluster it runs in. */
export interface ChosenService {
  service: Rec;
  name: string;
  cluster?: string;
}

/** Picks the service named in the options, else the only one; reports misses by name. */
export function pickService(docs: EcsDocuments, opts: { service?: string; cluster?: string }, errors: string[]): ChosenService | undefined {
  // A create-service input need not name its service (ecspresso names it in its own config): the estate's.
  const nameOf = (s: Rec): string => str(s.serviceName) ?? arnName(str(s.serviceArn)) ?? opts.service ?? '<service>';
  const inCluster = (s: Rec): boolean => !opts.cluster || !str(s.clusterArn) || arnName(str(s.clusterArn)) === opts.cluster;
  const candidates = docs.services.map((d) => d.service).filter((s) => inCluster(s) && (!opts.service || nameOf(s) === opts.service));
  const missing = docs.failures.find((f) => f.reason === 'MISSING' && (!opts.service || arnName(str(f.arn)) === opts.service));
  const where = opts.cluster ? ` in cluster ${opts.cluster}` : '';
  if (candidates.length === 0) {
    if (missing) errors.push(`service "${opts.service ?? arnName(str(missing.arn)) ?? '?'}" not found${where} (MISSING)`);
    else if (opts.service && docs.services.length > 0) {
      errors.push(`service "${opts.service}" not found${where} (found: ${docs.services.map((d) => nameOf(d.service)).join(', ')})`);
    }
    return undefined;
  }
  if (candidates.length > 1 && !opts.service) {
    errors.push(`several services (${candidates.map(nameOf).join(', ')}): set service`);
    return undefined;
  }
  const service = candidates[candidates.length - 1] as Rec;
  const name = nameOf(service);
  if (service.status === 'INACTIVE') {
    errors.push(`service "${name}" is INACTIVE (deleted)`);
    return undefined;
  }
  const cluster = arnName(str(service.clusterArn)) ?? opts.cluster;
  return { service, name, ...(cluster ? { cluster } : {}) };
}

/** Picks the task definition the service runs, else the only one. */
export function pickTaskDef(docs: EcsDocuments, service: ChosenService | undefined, errors: string[]): TaskDef | undefined {
  const running = service ? parseTaskDefArn(str(service.service.taskDefinition) ?? '') : undefined;
  if (running) {
    const exact = docs.taskDefs.find(
      (t) => t.family === running.family && (t.revision === undefined || running.revision === undefined || t.revision === running.revision),
    );
    if (exact) return exact;
  }
  if (docs.taskDefs.length === 0) {
    errors.push('no task definition among the documents');
    return undefined;
  }
  if (docs.taskDefs.length > 1) {
    errors.push(`several task definitions (${docs.taskDefs.map(taskDefLabel).join(', ')}) and no service naming one of them`);
    return undefined;
  }
  const only = docs.taskDefs[0] as TaskDef;
  if (running && service) {
    // Recorded files out of step with each other: worth knowing, but the task definition is still read.
    const runs = `${running.family}${running.revision !== undefined ? `:${running.revision}` : ''}`;
    errors.push(`service "${service.name}" runs ${runs}, but the task definition given is ${taskDefLabel(only)}`);
  }
  return only;
}
