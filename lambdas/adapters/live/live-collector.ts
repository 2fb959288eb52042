import { accountKey } from '../../core/estate/account-key';
import type { EnvironmentSpec, SourceSpec } from '../../core/estate/model';
import type { Observation, SourceLabel, SourceSnapshot } from '../../core/model';
import { recordedFrom } from '../../core/source-kinds/fields';
import { sourceKindOf } from '../../core/source-kinds/registry';
import type { ParseContext } from '../../core/sources/context';
import type { CollectHint, SourceCollector } from '../../ports/source-collector';
import type { AwsTarget } from './aws-target';
import type { LiveReader, LiveResult } from './live-kind';
import { liveKindOf, loadLive, type LiveClients, type LiveKindDeps, type LiveType } from './live-kinds';
import { stoppable, withDeadline } from './deadline';
import type { LimiterRegistry } from './rate-limiter';

export interface LiveCollectorBaseDeps {
  /** Clients for one account and region (through the member's read role when one is declared). */
  clients(target: AwsTarget): LiveClients;
  limiters: LimiterRegistry;
  /** The previous stored snapshot of a declared source, when a store is in use. */
  previous(environment: string, spec: SourceSpec): Promise<Observation[] | undefined>;
  defaultRegion?: string;
  /** The installation's account: an environment naming it shares the limiter of those that name none. */
  ownAccount?: string;
  now(): Date;
  /** The longest one live source may take, all its calls included: past it, it is a `source-error` and the others go on. */
  sourceDeadlineMs?: number;
  /**
   * How long the invocation may still read (a Lambda's time left, less what it needs afterwards): a
   * source is cut there too, and one that starts with none left is a `source-error` at once.
   */
  timeLeftMs?(): number;
  /** API calls made, per source label, for the benchmark and the run's log. */
  onCalls?(label: string, calls: Record<string, number>): void;
  /** For `drift snapshot --record`: what a live source parsed (plain text, to be redacted at once), as its kind keeps it. */
  record?(environment: string, label: SourceLabel, kept: unknown): void;
}

/** What the collector needs: the clients and pace of every live source, and what each live kind takes from the wiring. */
export type LiveCollectorDeps = LiveCollectorBaseDeps & LiveKindDeps;

/** Reads recorded sources from files and live ones from AWS, each through its kind's reader. */
export class LiveSourceCollector implements SourceCollector {
  /** One reader per kind for the collector's life: a kind may share state between its sources. */
  private readonly readers = new Map<string, LiveReader<SourceSpec, LiveClients, unknown>>();

  constructor(
    private readonly recorded: SourceCollector,
    private readonly deps: LiveCollectorDeps,
  ) {}

  async collect(
    spec: SourceSpec,
    label: SourceLabel,
    ctx: ParseContext,
    env: EnvironmentSpec,
    hint?: CollectHint,
  ): Promise<SourceSnapshot> {
    if (recordedFrom(spec)) return this.recorded.collect(spec, label, ctx, env);
    const own = this.deps.sourceDeadlineMs;
    const left = this.deps.timeLeftMs?.();
    const outOfTime = left !== undefined && (own === undefined || left < own);
    const ms = outOfTime ? Math.max(0, left) : own;
    const tooLate = (): SourceSnapshot => ({
      source: label,
      observations: [],
      dangling: [],
      errors: [
        outOfTime
          ? `${label.label}: not read: the snapshot function's time (its Lambda timeout) ran out; it is read next run`
          : `${label.label}: no answer within the source timeout of ${ms} ms (DRIFT_SOURCE_TIMEOUT_MS)`,
      ],
      observedAt: this.deps.now().toISOString(),
    });
    if (ms === undefined) return this.collectLive(spec, label, ctx, env, () => false, hint);
    if (ms === 0) return tooLate();
    let late = false;
    return withDeadline(
      this.collectLive(spec, label, ctx, env, () => late, hint),
      ms,
      () => {
        late = true;
        return tooLate();
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
    hint?: CollectHint,
  ): Promise<SourceSnapshot> {
    const region = ('region' in spec ? spec.region : undefined) ?? env.region ?? this.deps.defaultRegion;
    const snapshot = (r: Partial<LiveResult<unknown>>): SourceSnapshot => ({
      source: label,
      observations: r.observations ?? [],
      dangling: r.dangling ?? [],
      errors: r.errors ?? [],
      observedAt: r.observedAt ?? this.deps.now().toISOString(),
      ...(r.runtime ? { runtime: r.runtime } : {}),
      ...(r.partial ? { partial: r.partial } : {}),
    });
    if (!region) return snapshot({ errors: [`${label.label}: no region: set \`region\` on the environment or the source`] });
    const reader = await this.reader(spec.type);
    if (!reader) return snapshot({ errors: [`${label.label}: a ${spec.type} source reads files: give it \`from:\``] });
    // After the reader: the kind's SDK part is loaded, so the target's clients include the kind's.
    const clients = this.deps.clients({ region, roleArn: env.roleArn });
    const shared = this.deps.limiters.for(accountKey(env.account, this.deps.ownAccount), region).limit;
    const result = await reader.collect(spec, ctx, {
      clients,
      region,
      ...(env.roleArn !== undefined ? { roleArn: env.roleArn } : {}),
      // A source past its deadline spends no more of the account's budget (its calls in flight end by the SDK's timeouts).
      limit: stoppable(shared, late),
      shared,
      now: this.deps.now,
      previous: () => this.deps.previous(env.name, spec),
      keepInputs: Boolean(this.deps.record),
      ...(hint?.only ? { only: hint.only } : {}),
    });
    if (result.kept !== undefined) this.deps.record?.(env.name, label, result.kept);
    if (result.calls) this.deps.onCalls?.(label.label, result.calls);
    const out = snapshot(result);
    const where = { region, ...(env.account !== undefined ? { account: env.account } : {}) };
    const referable = sourceKindOf(spec).references?.referable(spec, result, where);
    if (referable) out.referable = referable;
    return out;
  }

  /** The kind's reader, its SDK part loaded at the kind's first source. */
  private async reader(type: SourceSpec['type']): Promise<LiveReader<SourceSpec, LiveClients, unknown> | undefined> {
    let reader = this.readers.get(type);
    if (!reader) {
      if (!liveKindOf(type)) return undefined;
      const sdk = await loadLive(type as LiveType);
      // Another source of the kind may have made it while this one waited.
      reader = this.readers.get(type) ?? (sdk.reader(this.deps as never) as LiveReader<SourceSpec, LiveClients, unknown>);
      this.readers.set(type, reader);
    }
    return reader;
  }
}
