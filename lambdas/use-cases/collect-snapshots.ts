import type { Fingerprinter } from '../core/fingerprint';
import type { EnvironmentSnapshot } from '../core/model';
import { Interner } from '../core/sources/interner';
import type { AuditStore } from '../ports/audit-store';
import type { SourceCollector } from '../ports/source-collector';
import type { CollectSnapshots } from './run-audit';
import { secretWhereverSecretInEstate } from './secrecy-elsewhere';
import { collectEnvironment } from './snapshot-environment';

export interface CollectNowInput {
  collector: SourceCollector;
  fp: Fingerprinter;
  /** Only these environments (`--env`); all by default. */
  environments?: string[];
  onProgress?: (environment: string) => void;
  /** Where the other environments' live sources were last kept: what they hold as secrets (see secrecy-elsewhere). */
  store?: AuditStore;
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
    // A key one source holds as a secret is one in every source of every environment: within one (collectEnvironment
    // leaves it to this), across those collected, and from those not collected (see secrecy-elsewhere).
    const { collector, fp, store } = input;
    const secrecy = await secretWhereverSecretInEstate(snapshots, { estate, collector, fp, store });
    return { snapshots: secrecy.snapshots, heldSecret: secrecy.heldSecret, keyId: fp.keyId };
  };
