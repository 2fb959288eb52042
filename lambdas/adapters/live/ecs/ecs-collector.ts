import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ParseContext } from '../../../core/sources/context';
import { parseEcs } from '../../../core/sources/ecs';
import { arnName, parseTaskDefArn } from '../../../core/sources/ecs-documents';
import type { SourceParseResult } from '../../../core/sources/result';
import { isRecord, type Rec } from '../../../core/sources/shape';
import { cut, sanitize } from '../../../core/values/value';
import { isProgrammingError } from '../aws-errors';
import { AwsCalls } from './aws-calls';
import { toCliJson } from './cli-json';
import { fetchEnvironmentFiles } from './environment-files';
import type { Limit } from '../limit';
import { describeRunningTasks } from './running-tasks';
import { describeServiceTargets } from './scalable-targets';
import type { PreviousObservations, TaskDefinitionCache } from './task-definition-cache';

/** What the live collector needs: its clients, the task definition cache and the caller's limiter. */
export interface EcsCollectorDeps {
  ecs: ECSClient;
  autoscaling: ApplicationAutoScalingClient;
  s3: S3Client;
  taskDefinitions: TaskDefinitionCache;
  limit: Limit;
  /** When the snapshot was taken; the system clock by default. */
  clock?: () => Date;
  /** Hand back the documents parsed (plain text: for `drift snapshot --record`, which redacts them at once). */
  keepInputs?: boolean;
  /** The source's previous snapshot: a cache that keeps no values finds them there. */
  previous?: PreviousObservations;
}

/** A live `ecs` source: the cluster and service by name or ARN, and the container to read. */
export interface EcsLiveSpec {
  cluster: string;
  service: string;
  container?: string;
}

/** What one collection returns: the parser's result, when it was observed, and the calls it made. */
export type EcsLiveResult = SourceParseResult & {
  observedAt: string;
  calls: Record<string, number>;
  /** With `keepInputs`: what the parser read. */
  inputs?: { documents: Document[]; envFiles: Array<{ file: string; text: string }> };
};

type Document = { file: string; json: unknown };

/** A name given as a name or an ARN (`…:cluster/staging`, `…:service/staging/api`) → the name. */
const nameOf = (nameOrArn: string): string => (nameOrArn.startsWith('arn:') ? (arnName(nameOrArn) ?? nameOrArn) : nameOrArn);

const isTaskDefinition = (v: unknown): v is Rec => isRecord(v) && Array.isArray(v.containerDefinitions);

/**
 * Reads an ECS service live and turns the responses into the documents the recorded form holds
 * (`describe-services`, `describe-task-definition`, `describe-scalable-targets`, the env files),
 * so both forms go through `parseEcs`. Failures become error lines; it never throws for them.
 */
export class EcsCollector {
  constructor(private readonly deps: EcsCollectorDeps) {}

  /** One snapshot of one service's container. */
  async collect(spec: EcsLiveSpec, ctx: ParseContext): Promise<EcsLiveResult> {
    const observedAt = (this.deps.clock ?? (() => new Date()))().toISOString();
    const calls = new AwsCalls(this.deps.limit);
    const cluster = nameOf(spec.cluster);
    const service = nameOf(spec.service);
    // One list per step, joined in a fixed order: the steps run concurrently.
    const errs = {
      service: [] as string[],
      taskDef: [] as string[],
      files: [] as string[],
      targets: [] as string[],
      tasks: [] as string[],
    };
    const described = await this.describeService(spec, `${cluster}/${service}`, calls, errs.service);
    const documents: Document[] = [];
    let envFiles: Array<{ file: string; text: string }> = [];
    if (described) {
      documents.push(described.document);
      const [taskDef, targets, tasks] = await Promise.all([
        described.taskDefinitionArn ? this.taskDefinition(described.taskDefinitionArn, spec.container, calls, errs.taskDef) : undefined,
        describeServiceTargets(this.deps.autoscaling, calls, cluster, service, errs.targets),
        describeRunningTasks(this.deps.ecs, calls, cluster, service, errs.tasks),
      ]);
      if (taskDef) {
        documents.push(taskDef.document);
        envFiles = await fetchEnvironmentFiles(this.deps.s3, calls, taskDef.json, spec.container, errs.files);
      }
      if (targets)
        documents.push({ file: `application-autoscaling describe-scalable-targets service/${cluster}/${service}`, json: targets });
      if (tasks) documents.push(tasks);
    }
    const errors = [...errs.service, ...errs.taskDef, ...errs.files, ...errs.targets, ...errs.tasks];
    if (!described) return { observations: [], dangling: [], errors, observedAt, calls: calls.counts };
    const parsed = parseEcs({ documents, envFiles }, { container: spec.container, service, cluster }, ctx);
    const kept = this.deps.keepInputs ? { inputs: { documents, envFiles } } : {};
    return { ...parsed, errors: [...errors, ...parsed.errors], observedAt, calls: calls.counts, ...kept };
  }

  /** The describe-services document and the task definition the service runs now; undefined if there is no such service. */
  private async describeService(
    spec: EcsLiveSpec,
    where: string,
    calls: AwsCalls,
    errors: string[],
  ): Promise<{ document: Document; taskDefinitionArn?: string } | undefined> {
    const out = await calls.run('ecs', 'DescribeServices', where, errors, () =>
      this.deps.ecs.send(new DescribeServicesCommand({ cluster: spec.cluster, services: [spec.service] })),
    );
    if (!out) return undefined;
    const name = nameOf(spec.service);
    const found = (out.services ?? []).find((s) => s.serviceName === name || arnName(s.serviceArn) === name);
    if (!found) {
      const reason = out.failures?.[0]?.reason;
      errors.push(`ecs service ${where} not found (${reason ? cut(sanitize(reason), 80) : 'not in the DescribeServices response'})`);
      return undefined;
    }
    if (found.status === 'INACTIVE') {
      errors.push(`ecs service ${where} is INACTIVE (deleted)`);
      return undefined;
    }
    if (!found.taskDefinition) {
      // The EXTERNAL deployment controller keeps task definitions on task sets, which are not read.
      errors.push(`ecs service ${where} names no task definition (deployment controller ${found.deploymentController?.type ?? 'unknown'})`);
    }
    const document = { file: `ecs describe-services ${where}`, json: toCliJson({ services: [found], failures: [] }) };
    return { document, ...(found.taskDefinition ? { taskDefinitionArn: found.taskDefinition } : {}) };
  }

  /** The task definition revision, from the cache when it has it (revisions never change). */
  private async taskDefinition(
    arn: string,
    container: string | undefined,
    calls: AwsCalls,
    errors: string[],
  ): Promise<{ document: Document; json: Rec } | undefined> {
    const parts = parseTaskDefArn(arn);
    const label = parts ? `${parts.family}${parts.revision !== undefined ? `:${parts.revision}` : ''}` : arn;
    const document = (json: Rec): { document: Document; json: Rec } => ({
      document: { file: `ecs describe-task-definition ${label}`, json: { taskDefinition: json } },
      json,
    });
    const immutable = parts?.revision !== undefined;
    // A recording keeps the whole revision; a collection needs the values of its container only.
    const cached = immutable ? await this.cacheGet(arn, this.deps.keepInputs ? undefined : container) : undefined;
    if (cached) return document(cached);
    const out = await calls.run('ecs', 'DescribeTaskDefinition', label, errors, () =>
      this.deps.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
    );
    if (!out) return undefined;
    const json = toCliJson(out.taskDefinition);
    if (!isTaskDefinition(json)) {
      errors.push(`ecs DescribeTaskDefinition on ${label}: the response holds no task definition`);
      return undefined;
    }
    if (immutable) await this.cachePut(arn, json);
    return document(json);
  }

  // The cache only saves calls: when it fails, the task definition is described as if it were empty.
  private async cacheGet(arn: string, container: string | undefined): Promise<Rec | undefined> {
    try {
      const hit = await this.deps.taskDefinitions.get(arn, this.deps.previous, container);
      return isTaskDefinition(hit) ? hit : undefined;
    } catch (err) {
      if (isProgrammingError(err)) throw err;
      return undefined;
    }
  }

  private async cachePut(arn: string, json: Rec): Promise<void> {
    try {
      await this.deps.taskDefinitions.put(arn, json);
    } catch (err) {
      if (isProgrammingError(err)) throw err;
    }
  }
}
