import { sourceLabel } from '../core/estate/source-label';
import type { Estate, SourceSpec } from '../core/estate/model';
import { keysHeldSecret, secretWhereverSecret } from '../core/engine/secret-references';
import { baselineSecretPolicy } from '../core/sources/context';
import type { Fingerprinter } from '../core/fingerprint';
import type { EnvironmentSnapshot, SourceSnapshot } from '../core/model';
import { recordedFrom } from '../core/source-kinds/fields';
import type { AuditStore } from '../ports/audit-store';
import type { SourceCollector } from '../ports/source-collector';
import { declaredSourceSnapshot, type StoredFor } from './previous-snapshot';
import { collectEnvironment } from './snapshot-environment';

export interface SecrecyElsewhereInput {
  estate: Estate;
  collector: SourceCollector;
  fp: Fingerprinter;
  /** Where the others' live sources were last kept, when a store is open. */
  store?: AuditStore;
}

/**
 * The environments a command does not look at (`--env`, `diff A B`, `explain ENV KEY`), read only
 * for which keys they hold as secrets: a key that is a SecureString in production and plain text in
 * staging must be a fingerprint in a staging-only run too, as it is when every environment is read.
 * Their recorded sources are read (files: cheap, no credentials); their live ones are not called (no
 * credentials for those accounts, no time to spend): the store's last snapshot of each stands in,
 * when there is a store. Never shown: what these read is only for secrecy.
 */
async function snapshotsElsewhere(chosen: readonly string[], input: SecrecyElsewhereInput): Promise<EnvironmentSnapshot[]> {
  const { estate, collector, fp, store } = input;
  const others = estate.environments.filter((e) => !chosen.includes(e.name));
  return Promise.all(
    others.map(async (env): Promise<EnvironmentSnapshot> => {
      const recorded = env.sources.filter((s) => recordedFrom(s));
      // secretWhereverSecretInEstate's one pass covers each environment's own sources too.
      const read = await collectEnvironment(estate, { ...env, sources: recorded }, collector, fp);
      const live = env.sources.filter((s) => !recordedFrom(s));
      const kept = store ? await Promise.all(live.map((spec) => keptSnapshot(store, estate, env.name, spec))) : [];
      return { environment: env.name, sources: [...read.sources, ...kept.filter((s) => s !== undefined)] };
    }),
  );
}

/** True when an environment not in `chosen` (all: undefined) has a live source: only a store says what it holds as a secret. */
export const liveElsewhere = (estate: Estate, chosen: readonly string[] | undefined): boolean =>
  chosen !== undefined && estate.environments.some((e) => !chosen.includes(e.name) && e.sources.some((s) => !recordedFrom(s)));

/** What secretWhereverSecretInEstate gives: the snapshots, and the keys any environment of the estate holds as secrets. */
export interface SecretInEstate {
  snapshots: EnvironmentSnapshot[];
  /** Those keys, the environments not read included: where one is absent, a default the code writes for it is still secret. */
  heldSecret: ReadonlySet<string>;
}

/**
 * `snapshots` (of some of the estate's environments) with every key that any environment of the
 * estate holds as a secret made secret: those of `snapshots`, and the others as snapshotsElsewhere reads them.
 */
export async function secretWhereverSecretInEstate(
  snapshots: readonly EnvironmentSnapshot[],
  input: SecrecyElsewhereInput,
): Promise<SecretInEstate> {
  const elsewhere = await snapshotsElsewhere(
    snapshots.map((s) => s.environment),
    input,
  );
  // The others only lend what they hold as secrets: they are not made secret themselves, nor returned.
  const isSecretKey = baselineSecretPolicy(input.estate.baseline);
  const heldSecret = keysHeldSecret([...snapshots, ...elsewhere]);
  return { snapshots: secretWhereverSecret(snapshots, input.fp, isSecretKey, heldSecret), heldSecret };
}

async function keptSnapshot(
  store: AuditStore,
  estate: StoredFor,
  environment: string,
  spec: SourceSpec,
): Promise<SourceSnapshot | undefined> {
  const label = sourceLabel(spec);
  const stored = await declaredSourceSnapshot(store, estate, environment, spec);
  return stored && { source: label, observations: stored.observations, dangling: [], errors: [] };
}
