import type { Estate, EnvironmentSpec } from '../core/estate/model';
import { sourceLabel } from '../core/estate/source-label';
import type { EnvironmentSnapshot, SourceSnapshot } from '../core/model';
import type { AuditStore, StoredSnapshot } from '../ports/audit-store';
import { mapLimited } from './map-limited';
import { previousSnapshot } from './previous-snapshot';
import { declaredSourceKeys } from './source-key';

const READS_AT_ONCE = 8;

/** An environment a targeted run did not read: its last stored snapshots, or why they cannot stand in for a read. */
export interface CarriedEnvironment {
  carried: boolean;
  snapshot: EnvironmentSnapshot;
}

/** Every source failed with the same reason: the behaviour of an environment a run could not snapshot. */
export const failedSnapshot = (env: EnvironmentSpec, why: string): EnvironmentSnapshot => ({
  environment: env.name,
  sources: env.sources.map((spec) => ({ source: sourceLabel(spec), observations: [], dangling: [], errors: [why] })),
});

/**
 * Stands an environment that a targeted run deliberately did not read on the last stored snapshot of
 * each of its sources (fingerprints only, as recorded). The store keeps observations, not dangling
 * references or running tasks, so the environment's own findings are carried forward by the
 * lifecycle rather than judged again; its observations serve the estate-wide judgements. When a
 * source has no stored snapshot yet (a first run, a source added since) or was fingerprinted with
 * another key, the environment counts as not snapshotted, as before, and the error line says why.
 */
export async function carryEnvironment(
  store: AuditStore,
  estate: Estate,
  env: EnvironmentSpec,
  keyId: string,
): Promise<CarriedEnvironment> {
  const stored = await mapLimited(env.sources, READS_AT_ONCE, (spec) =>
    previousSnapshot(store, estate, env.name, declaredSourceKeys(spec)),
  );
  const not = `${env.name} was not read by this targeted run`;
  if (stored.some((s) => s === undefined))
    return {
      carried: false,
      snapshot: failedSnapshot(env, `${not}, and not every source of it has a stored snapshot yet: the next full run reads it`),
    };
  const present = stored as StoredSnapshot[];
  if (keyId && present.some((s) => s.keyId !== keyId))
    return {
      carried: false,
      snapshot: failedSnapshot(env, `${not}, and its stored snapshots were fingerprinted with another key: the next full run reads it`),
    };
  const sources = env.sources.map((spec, i): SourceSnapshot => ({
    source: sourceLabel(spec),
    observations: present[i]!.observations,
    dangling: [],
    errors: [],
    observedAt: present[i]!.observedAt,
  }));
  return { carried: true, snapshot: { environment: env.name, sources } };
}
