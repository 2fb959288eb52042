import * as path from 'node:path';
import type { AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import { runAudit } from '../use-cases/run-audit';
import { buildCliServices, type CliServices } from '../wiring/cli-services';
import { openStore, stateDirOf, type OpenStore } from '../wiring/open-store';
import type { CliIo } from './io';
import { loadEstateOrFail, pickEnvironments } from './load';
import { auditInstant, type CommonOptions } from './options';

export interface AuditSession {
  estate: Estate;
  result: AuditResult;
  services: CliServices;
  at: Date;
  /** Open when the run is to be remembered; the caller closes it. */
  store?: OpenStore;
}

/**
 * Loads the estate, collects its sources and audits them: what audit, diff and explain share.
 * With `remember`, the store is opened first, so live sources can read only what moved.
 */
export async function auditSession(
  opts: CommonOptions,
  io: CliIo,
  now: () => Date,
  progress: boolean,
  remember = false,
  /** The environments a query needs, decided once the estate is known (default: `--env`, else all). */
  scope?: (estate: Estate) => string[],
): Promise<AuditSession> {
  const at = auditInstant(opts.asOf, now);
  const estate = await loadEstateOrFail(opts.config, io);
  const environments = pickEnvironments(estate, scope ? scope(estate) : opts.env);
  const estateFile = path.resolve(io.cwd, opts.config);
  // An audit judged as of another day is a what-if: it must not write history.
  const store = remember && opts.asOf === undefined ? await openStore(opts.store, stateDirOf(estateFile)) : undefined;
  const services = await buildCliServices(estateFile, io.env, estate, store?.store);
  try {
    const result = await runAudit({
      estate,
      collector: services.collector,
      fp: services.fp,
      now: at,
      environments,
      onProgress: progress ? (env) => io.stderr.write(`\rcollecting ${env}…\u001b[K`) : undefined,
    });
    if (progress) io.stderr.write('\r\u001b[K');
    return { estate, result, services, at, store };
  } catch (err) {
    await store?.close();
    throw err;
  } finally {
    services.close();
  }
}
