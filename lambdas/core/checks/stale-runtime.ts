import { declaredSource } from '../estate/source-label';
import type { EffectiveConfig } from '../engine/effective-config';
import type { Finding, MountRead, Observation, Origin, RuntimeUnit, SourceSnapshot, WorkloadRuntime } from '../model';
import { sourceRef, type Check, type CheckContext } from './check-context';

const ms = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));

/** `2026-12-04 03:41 UTC`. */
const shownTime = (iso: string): string => `${new Date(ms(iso)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const plural = (n: number, unit: RuntimeUnit['unit']): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** What replaces the units: a new ECS deployment, or a rollout restart of `Deployment ns/name`. */
function redeploy(runtime: WorkloadRuntime, unit: RuntimeUnit['unit']): string {
  if (unit === 'task') return 'force a new deployment';
  const m = /^(\w+) ([^/ ]+)\/(\S+)$/.exec(runtime.workload);
  return m ? `restart them (kubectl rollout restart ${m[1]?.toLowerCase()}/${m[3]} -n ${m[2]})` : 'restart them';
}

/**
 * When the value of `key` last changed: the platform's own time for a resolved reference (SSM
 * LastModifiedDate, Secrets Manager LastChangedDate), else the store's history, narrowed to the
 * platform's time of the value's last write where that is earlier (a ConfigMap key's managedFields):
 * the run that first saw the value came after the write, and a unit started between them runs it.
 */
function changedAt(ctx: CheckContext, config: EffectiveConfig, entry: Observation): { at: string; origin?: Origin } | undefined {
  const resolved = config.resolvedFrom.get(entry.key);
  if (resolved?.modifiedAt !== undefined && !Number.isNaN(ms(resolved.modifiedAt))) return { at: resolved.modifiedAt, origin: resolved };
  const at = ctx.lastChange?.(config.environment, entry.key);
  if (at === undefined || Number.isNaN(ms(at))) return undefined;
  // Written no later than the change was seen, never before the change itself: the nearer bound of the two.
  const written = entry.origin.modifiedAt;
  return written !== undefined && ms(written) < ms(at) ? { at: written } : { at };
}

function staleReads(ctx: CheckContext, config: EffectiveConfig, s: SourceSnapshot, runtime: WorkloadRuntime): Finding[] {
  const out: Finding[] = [];
  const keys = [...new Set(runtime.units.flatMap((u) => u.reads))].sort();
  for (const key of keys) {
    const entry = config.entries.get(key);
    // A value another source overrides is not the one the workload runs with.
    if (!entry || entry.origin.source.index !== s.source.index) continue;
    const change = changedAt(ctx, config, entry);
    if (!change) continue;
    const stale = runtime.units.filter((u) => u.reads.includes(key) && ms(u.startedAt) < ms(change.at));
    if (!stale.length) continue;
    const unit = stale[0]?.unit ?? 'task';
    const what = change.origin?.location ?? entry.rawKey;
    out.push(
      ctx.make({
        kind: 'stale-runtime',
        environment: config.environment,
        key,
        subject: `${runtime.workload}\u0000${key}`,
        source: sourceRef(change.origin ?? entry.origin),
        actual: stale.map((u) => u.id).join(', '),
        message:
          `${stale.length} of ${plural(runtime.units.length, unit)} of ${runtime.workload} started before ${what} changed at ` +
          `${shownTime(change.at)} and still run the old value: ${redeploy(runtime, unit)}`,
      }),
    );
  }
  return out;
}

/** `ConfigMap checkout/api-files key app.properties (subPath mount /etc/api/app.properties)`. */
const mountLocation = (m: MountRead): string =>
  `${m.object}${m.key !== undefined ? ` key ${m.key}` : ''} (${m.key !== undefined ? 'subPath' : 'subPathExpr'} mount ${m.mountPath})`;

/**
 * Files a `subPath` mount copied at start. They are not keys drift observes, so the store has no
 * history of them: the object's own last write (`drift.dev/modified-at`, else managedFields) dates
 * the change, and the message says the object was written, since a write of another key looks the same.
 */
function staleMounts(ctx: CheckContext, config: EffectiveConfig, s: SourceSnapshot, runtime: WorkloadRuntime): Finding[] {
  const out: Finding[] = [];
  for (const mount of runtime.mounts ?? []) {
    const at = mount.modifiedAt;
    if (at === undefined || Number.isNaN(ms(at))) continue;
    const stale = runtime.units.filter((u) => ms(u.startedAt) < ms(at));
    if (!stale.length) continue;
    const unit = stale[0]?.unit ?? 'pod';
    const location = mountLocation(mount);
    const source: Origin = { source: s.source, location, modifiedAt: at };
    if (mount.modifiedBy !== undefined) source.modifiedBy = mount.modifiedBy;
    const copied = mount.key !== undefined ? `key ${mount.key} through a subPath mount` : 'a file through a subPathExpr mount';
    out.push(
      ctx.make({
        kind: 'stale-runtime',
        environment: config.environment,
        subject: `${runtime.workload}\u0000${location}`,
        source: sourceRef(source),
        actual: stale.map((u) => u.id).join(', '),
        message:
          `${stale.length} of ${plural(runtime.units.length, unit)} of ${runtime.workload} started before ${mount.object} was last ` +
          `written at ${shownTime(at)} and copied ${copied} at ${mount.mountPath}, which is never updated in place: ${redeploy(runtime, unit)}`,
      }),
    );
  }
  return out;
}

/** A rollout still in progress this long is stuck (ECS's own circuit breaker gives up later; a healthy one ends in minutes). */
export const STUCK_AFTER_MS = 30 * 60 * 1000;

function oldRevision(ctx: CheckContext, config: EffectiveConfig, s: SourceSnapshot, runtime: WorkloadRuntime): Finding[] {
  const expected = runtime.revision;
  if (expected === undefined) return [];
  if (runtime.rolloutSince !== undefined && ctx.now.getTime() - ms(runtime.rolloutSince) < STUCK_AFTER_MS) return [];
  const behind = runtime.units.filter((u) => u.revision !== undefined && u.revision !== expected);
  if (!behind.length) return [];
  const unit = behind[0]?.unit ?? 'task';
  const revisions = [...new Set(behind.map((u) => u.revision))].sort().join(', ');
  return [
    ctx.make({
      kind: 'stale-runtime',
      environment: config.environment,
      subject: `${runtime.workload}\u0000revision`,
      expected: expected,
      actual: behind.map((u) => u.id).join(', '),
      source: declaredSource(s.source),
      message:
        `${behind.length} of ${plural(runtime.units.length, unit)} of ${runtime.workload} still run revision ${revisions} ` +
        `while the service runs ${expected} (a stuck deployment): ${redeploy(runtime, unit)}`,
    }),
  ];
}

/** `stale-runtime`: running tasks or pods that started before a value they read changed, or run an older revision. */
export const staleRuntimeCheck: Check = {
  id: 'stale-runtime',
  run(ctx) {
    const out: Finding[] = [];
    for (const config of ctx.configs) {
      for (const s of config.sources) {
        if (!s.runtime || s.errors.length) continue;
        out.push(
          ...oldRevision(ctx, config, s, s.runtime),
          ...staleReads(ctx, config, s, s.runtime),
          ...staleMounts(ctx, config, s, s.runtime),
        );
      }
    }
    return out;
  },
};
