import type { EnvironmentSpec, SourceSpec } from '../../core/estate/model';
import type { Observation, SourceLabel, SourceSnapshot } from '../../core/model';
import type { ParseContext } from '../../core/sources/context';
import type { SourceParseResult } from '../../core/sources/result';
import type { SourceCollector } from '../../ports/source-collector';
import type { LiveInputs } from '../recorded-writer/recording-collector';
import type { AwsClients, AwsTarget } from '../../wiring/aws-clients';
import { stoppable, withDeadline } from './deadline';
import { EcsCollector } from './ecs/ecs-collector';
import type { TaskDefinitionCache } from './ecs/task-definition-cache';
import { EksCollector } from './eks/eks-collector';
import type { KubeClientFactory } from './eks/kube-client';
import type { LimiterRegistry } from './rate-limiter';
import { SsmCollector } from './ssm/ssm-collector';

export interface LiveCollectorDeps {
  /** Clients for one account and region (through the member's read role when one is declared). */
  clients(target: AwsTarget): AwsClients;
  limiters: LimiterRegistry;
  /** The previous stored snapshot of a source, when a store is in use. */
  previous(environment: string, label: string): Promise<Observation[] | undefined>;
  taskDefinitions: TaskDefinitionCache;
  defaultRegion?: string;
  now(): Date;
  /** How to reach a cluster's API server; HTTPS with the cluster's CA by default (tests and the benchmark replace it). */
  kube?: KubeClientFactory;
  /** The longest one live source may take, all its calls included: past it, it is a `source-error` and the others go on. */
  sourceDeadlineMs?: number;
  /** API calls made, per source label, for the benchmark and the run's log. */
  onCalls?(label: string, calls: Record<string, number>): void;
  /** For `drift snapshot --record`: what a live ECS or EKS source parsed (plain text, to be redacted at once). */
  record?(environment: string, label: SourceLabel, inputs: LiveInputs): void;
}

type LiveResult = SourceParseResult & { observedAt: string; calls: Record<string, number> };

/** Reads recorded sources from files and live ones from AWS, each through the same parser. */
export class LiveSourceCollector implements SourceCollector {
  // One EKS collector per account and region keeps DescribeCluster to once per cluster per run.
  private readonly eksCollectors = new Map<string, EksCollector>();

  constructor(
    private readonly recorded: SourceCollector,
    private readonly deps: LiveCollectorDeps,
  ) {}

  async collect(spec: SourceSpec, label: SourceLabel, ctx: ParseContext, env: EnvironmentSpec): Promise<SourceSnapshot> {
    if ('from' in spec && spec.from) return this.recorded.collect(spec, label, ctx, env);
    const ms = this.deps.sourceDeadlineMs;
    if (ms === undefined) return this.collectLive(spec, label, ctx, env, () => false);
    let late = false;
    return withDeadline(
      this.collectLive(spec, label, ctx, env, () => late),
      ms,
      () => {
        late = true;
        return {
          source: label,
          observations: [],
          dangling: [],
          errors: [`${label.label}: no answer within the source timeout of ${ms} ms (DRIFT_SOURCE_TIMEOUT_MS)`],
          observedAt: this.deps.now().toISOString(),
        };
      },
    );
  }

  /** One live source; once `late()` (past its deadline) its calls fail instead of going out. */
  private async collectLive(
    spec: SourceSpec,
    label: SourceLabel,
    ctx: ParseContext,
    env: EnvironmentSpec,
    late: () => boolean,
  ): Promise<SourceSnapshot> {
    const region = ('region' in spec ? spec.region : undefined) ?? env.region ?? this.deps.defaultRegion;
    const snapshot = (r: Partial<LiveResult>, extra: Partial<SourceSnapshot> = {}): SourceSnapshot => ({
      source: label,
      observations: r.observations ?? [],
      dangling: r.dangling ?? [],
      errors: r.errors ?? [],
      observedAt: r.observedAt ?? this.deps.now().toISOString(),
      ...extra,
    });
    if (!region) return snapshot({ errors: [`${label.label}: no region: set \`region\` on the environment or the source`] });
    const clients = this.deps.clients({ region, roleArn: env.roleArn });
    const shared = this.deps.limiters.for(env.account ?? 'default', region).limit;
    // A source past its deadline spends no more of the account's budget (its calls in flight end by the SDK's timeouts).
    const limit = stoppable(shared, late);
    let result: LiveResult;
    switch (spec.type) {
      case 'ssm':
        result = await new SsmCollector({ ssm: clients.ssm, limit, now: this.deps.now }).collect(spec.path, ctx, () =>
          this.deps.previous(env.name, label.label),
        );
        this.deps.onCalls?.(label.label, result.calls);
        return snapshot(result, { ssmPath: spec.path });
      case 'ecs': {
        if (!spec.cluster || !spec.service) return snapshot({ errors: [`${label.label}: a live ecs source needs cluster and service`] });
        const ecs = await new EcsCollector({
          ecs: clients.ecs,
          autoscaling: clients.autoscaling,
          s3: clients.s3,
          taskDefinitions: this.deps.taskDefinitions,
          limit,
          clock: this.deps.now,
          keepInputs: Boolean(this.deps.record),
        }).collect({ cluster: spec.cluster, service: spec.service, container: spec.container }, ctx);
        if (ecs.inputs) this.deps.record?.(env.name, label, { type: 'ecs', inputs: ecs.inputs });
        result = ecs;
        break;
      }
      case 'eks': {
        // One EKS collector serves every source of its account and region: it gets the shared limit.
        const eks = await this.eks(
          `${env.roleArn ?? ''}@${region}`,
          () =>
            new EksCollector({
              eks: clients.eks,
              region,
              credentials: clients.credentials,
              kube: this.deps.kube,
              limit: shared,
              now: this.deps.now,
              keepInputs: Boolean(this.deps.record),
            }),
        ).collect(spec, ctx);
        if (eks.objects) this.deps.record?.(env.name, label, { type: 'eks', objects: eks.objects });
        result = eks;
        break;
      }
      default:
        return snapshot({ errors: [`${label.label}: a ${spec.type} source reads files: give it \`from:\``] });
    }
    this.deps.onCalls?.(label.label, result.calls);
    return snapshot(result);
  }

  private eks(key: string, make: () => EksCollector): EksCollector {
    let c = this.eksCollectors.get(key);
    if (!c) this.eksCollectors.set(key, (c = make()));
    return c;
  }
}
