import { secretWhereverSecret } from '../core/engine/secret-references';
import type { Fingerprinter } from '../core/fingerprint';
import type { EnvironmentSnapshot } from '../core/model';
import { baselineSecretPolicy } from '../core/sources/context';
import { Interner } from '../core/sources/interner';
import type { SourceCollector } from '../ports/source-collector';
import type { CollectSnapshots } from './run-audit';
import { collectEnvironment } from './snapshot-environment';

export interface CollectNowInput {
  collector: SourceCollector;
  fp: Fingerprinter;
  /** Only these environments (`--env`); all by default. */
  environments?: string[];
  onProgress?: (environment: string) => void;
}

/** Snapshots the estate's environments now, one after another, through the collector: the CLI's collection. */
export const collectNow =
  (input: CollectNowInput): CollectSnapshots =>
  async (estate) => {
    const wanted = input.environments ? new Set(input.environments) : undefined;
    const snapshots: EnvironmentSnapshot[] = [];
    // One interner for the whole run, so equal values across environments are kept once.
    const intern = new Interner();
    for (const env of estate.environments.filter((e) => !wanted || wanted.has(e.name))) {
      input.onProgress?.(env.name);
      snapshots.push(await collectEnvironment(estate, env, input.collector, input.fp, intern));
    }
    // A key one source holds as a secret is one in every source of every environment (within one too: collectEnvironment leaves it to this).
    return { snapshots: secretWhereverSecret(snapshots, input.fp, baselineSecretPolicy(estate.baseline)), keyId: input.fp.keyId };
  };
