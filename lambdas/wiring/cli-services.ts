import * as path from 'node:path';
import type { LiveCollectorDeps } from '../adapters/live/live-collector';
import type { LimiterRegistry } from '../adapters/live/rate-limiter';
import { RecordedSourceCollector } from '../adapters/recorded/recorded-collector';
import { trustsEstatePaths } from '../adapters/estate-confinement';
import { FileEstateSource } from '../adapters/estate-file';
import { loadFingerprintKey } from '../adapters/fingerprint-key-file';
import { ensureStateFolder } from '../adapters/state-folder';
import type { Estate } from '../core/estate/model';
import { makeFingerprinter, type Fingerprinter } from '../core/fingerprint';
import { recordedFrom } from '../core/source-kinds/fields';
import type { EstateSource } from '../ports/estate-source';
import type { SourceCollector } from '../ports/source-collector';
import type { AuditStore } from '../ports/audit-store';
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
  /** False: a command that writes nothing (init --dry-run) creates no key file; a run-only key where none is kept. */
  keepKey?: boolean;
}

export interface CliServices {
  collector: SourceCollector;
  fp: Fingerprinter;
  /** `.drift/` beside the estate file: the fingerprint key and the embedded store. */
  stateDir: string;
  /** One rate limiter per account and region, when the estate reads something live. */
  limiters?: LimiterRegistry;
  /** API calls per source label, for the run's summary. */
  calls: Map<string, Record<string, number>>;
  close(): void;
}

/** True when a source of the estate is read live (no `from:`): only then do the live collectors and the AWS SDK load. */
const readsLive = (estate: Estate): boolean => estate.environments.some((e) => e.sources.some((s) => !recordedFrom(s)));

/**
 * The composition root of the CLI: built once per command. Recorded sources read files; live ones
 * (see cli-live-collector.ts) call AWS, and are loaded only for an estate that has some, so a
 * recorded estate never pays for the SDK.
 */
export async function buildCliServices(
  estateFile: string,
  env: NodeJS.ProcessEnv,
  estate: Estate,
  opts: CliServicesOptions = {},
): Promise<CliServices> {
  const { store, record, folder = stateFolderOf(estateFile), keepKey } = opts;
  const baseDir = path.dirname(path.resolve(estateFile));
  const stateDir = folder.dir;
  const key = await loadFingerprintKey({ fromEnv: env.DRIFT_FINGERPRINT_KEY, stateDir, ensureFolder: folder.ensure, keep: keepKey });
  const calls = new Map<string, Record<string, number>>();
  const recorded = new RecordedSourceCollector({ baseDir, trustPaths: trustsEstatePaths(env) });
  const fp = makeFingerprinter(key);
  if (!readsLive(estate)) return { collector: recorded, fp, stateDir, calls, close: () => undefined };
  const { cliLiveCollector } = await import('./cli-live-collector');
  const live = cliLiveCollector(recorded, { estate, env, timeouts: timeoutsFrom(env), store, record, calls, fp });
  return { collector: live.collector, fp, stateDir, limiters: live.limiters, calls, close: live.close };
}
