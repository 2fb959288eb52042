import * as path from 'node:path';
import { RecordedSourceCollector } from '../adapters/recorded/recorded-collector';
import { loadFingerprintKey } from '../adapters/fingerprint-key-file';
import { makeFingerprinter, type Fingerprinter } from '../core/fingerprint';
import type { SourceCollector } from '../use-cases/ports';

export interface CliServices {
  collector: SourceCollector;
  fp: Fingerprinter;
  /** `.drift/` beside the estate file: the fingerprint key and, later, the embedded store. */
  stateDir: string;
}

/** The composition root of the CLI: built once per command from the estate file and the environment. */
export async function buildCliServices(estateFile: string, env: NodeJS.ProcessEnv): Promise<CliServices> {
  const baseDir = path.dirname(path.resolve(estateFile));
  const stateDir = path.join(baseDir, '.drift');
  const key = await loadFingerprintKey({ fromEnv: env.DRIFT_FINGERPRINT_KEY, stateDir });
  return { collector: new RecordedSourceCollector({ baseDir }), fp: makeFingerprinter(key), stateDir };
}
