import * as path from 'node:path';
import { StoreTaskDefinitionCache } from '../adapters/live/ecs/store-task-definition-cache';
import { httpKubeClientWithin } from '../adapters/live/eks/kube-client';
import { MemoryTaskDefinitionCache } from '../adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector, type LiveCollectorDeps } from '../adapters/live/live-collector';
import { LimiterRegistry } from '../adapters/live/rate-limiter';
import { RecordedSourceCollector } from '../adapters/recorded/recorded-collector';
import { trustsEstatePaths } from '../adapters/estate-confinement';
import { FileEstateSource } from '../adapters/estate-file';
import { loadFingerprintKey } from '../adapters/fingerprint-key-file';
import { ensureStateFolder } from '../adapters/state-folder';
import type { Estate } from '../core/estate/model';
import { makeFingerprinter, type Fingerprinter } from '../core/fingerprint';
import { baselineSecretPolicy } from '../core/sources/context';
import type { EstateSource } from '../ports/estate-source';
import type { SourceCollector } from '../ports/source-collector';
import { sourceKey } from '../use-cases/record-audit';
import type { AuditStore } from '../ports/audit-store';
import { AwsClientFactory } from './aws-clients';
import { stateDirOf } from './open-store';
import { timeoutsFrom } from './timeouts';

/** The estate file `-c` names, behind the estate port (the Lambda reads the bucket through the same one). */
export const cliEstateSource = (estateFile: string, env: NodeJS.ProcessEnv): EstateSource =>
  new FileEstateSource([estateFile], { trustPaths: trustsEstatePaths(env) });

/** `.drift/` beside the estate file, made (owner-only, with its `.gitignore`) once per command by whichever part needs it first. */
export interface StateFolder {
  dir: string;
  ensure(): Promise<void>;
}

/** The state folder of the estate file: its key and its embedded store share one `ensure`. */
export function stateFolderOf(estateFile: string): StateFolder {
  const dir = stateDirOf(estateFile);
  let made: Promise<void> | undefined;
  return { dir, ensure: () => (made ??= ensureStateFolder(dir)) };
}

export interface CliServicesOptions {
  store?: AuditStore;
  record?: LiveCollectorDeps['record'];
  /** The command's state folder, when it has one already (the store's). */
  folder?: StateFolder;
}

export interface CliServices {
  collector: SourceCollector;
  fp: Fingerprinter;
  /** `.drift/` beside the estate file: the fingerprint key and the embedded store. */
  stateDir: string;
  limiters: LimiterRegistry;
  /** API calls per source label, for the run's summary. */
  calls: Map<string, Record<string, number>>;
  close(): void;
}

/**
 * The composition root of the CLI: built once per command. Recorded sources read files; live ones
 * call AWS through one rate limiter per account and region; with a store, a live source reads only
 * what moved since its previous snapshot and task definitions are described once per revision.
 */
export async function buildCliServices(
  estateFile: string,
  env: NodeJS.ProcessEnv,
  estate: Estate,
  opts: CliServicesOptions = {},
): Promise<CliServices> {
  const { store, record, folder = stateFolderOf(estateFile) } = opts;
  const baseDir = path.dirname(path.resolve(estateFile));
  const stateDir = folder.dir;
  const key = await loadFingerprintKey({ fromEnv: env.DRIFT_FINGERPRINT_KEY, stateDir, ensureFolder: folder.ensure });
  const timeouts = timeoutsFrom(env);
  const clients = new AwsClientFactory(timeouts);
  const limiters = new LimiterRegistry();
  const calls = new Map<string, Record<string, number>>();
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  const collector = new LiveSourceCollector(new RecordedSourceCollector({ baseDir, trustPaths: trustsEstatePaths(env) }), {
    clients: (target) => clients.for(target),
    limiters,
    previous: async (environment, label) =>
      store ? (await store.loadSnapshot(estate.name, environment, sourceKey(label)))?.observations : undefined,
    taskDefinitions: store ? new StoreTaskDefinitionCache(store, isSecretKey) : new MemoryTaskDefinitionCache(),
    defaultRegion: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    now: () => new Date(),
    kube: httpKubeClientWithin(timeouts.connectMs + timeouts.requestMs),
    sourceDeadlineMs: timeouts.sourceMs,
    onCalls: (label, c) => calls.set(label, c),
    ...(record ? { record } : {}),
  });
  return { collector, fp: makeFingerprinter(key), stateDir, limiters, calls, close: () => clients.destroy() };
}
