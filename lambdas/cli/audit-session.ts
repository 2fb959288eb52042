import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import { collectNow } from '../use-cases/collect-snapshots';
import { runAudit } from '../use-cases/run-audit';
import { buildCliServices, stateFolderOf, type StateFolder } from '../wiring/cli-services';
import { openStore, type OpenStore } from '../wiring/open-store';
import type { CliIo } from './io';
import { loadedEstateOrFail, pickEnvironments } from './load';
import { auditInstant, type CommonOptions } from './options';

export interface AuditSession {
  estate: Estate;
  /** What the reports show: this run's findings and, with a store, the open ones carried forward where a source failed. */
  result: AuditResult;
  /** What this run judged: what `--fail-on` counts (see AuditOutcome.judged). */
  judged: AuditResult;
  at: Date;
  /** `--run-id`, else one made from the instant. */
  runId: string;
  /** Open when the run is remembered; the caller closes it. */
  store?: OpenStore;
  /** `.drift/` beside the estate file, made at most once per command. */
  folder: StateFolder;
}

const cliRunId = (at: Date): string => `cli-${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;

/**
 * Loads the estate, then runs the audit use case with the CLI's adapters: what audit, diff and
 * explain share. With `remember`, the store is opened first, so live sources can read only what
 * moved, and the run is recorded.
 */
export async function auditSession(
  opts: CommonOptions,
  io: CliIo,
  now: () => Date,
  progress: boolean,
  remember: false | { runId?: string } = false,
  /** The environments a query needs, decided once the estate is known (default: `--env`, else all). */
  scope?: (estate: Estate) => string[],
): Promise<AuditSession> {
  const at = auditInstant(opts.asOf, now);
  const loaded = await loadedEstateOrFail(opts.config, io);
  const { estate } = loaded;
  const environments = pickEnvironments(estate, scope ? scope(estate) : opts.env);
  const estateFile = path.resolve(io.cwd, opts.config);
  const runId = (remember ? remember.runId : undefined) ?? cliRunId(at);
  const folder = stateFolderOf(estateFile);
  // An audit judged as of another day is a what-if: it must not write history.
  const store = remember && opts.asOf === undefined ? await openStore(opts.store, folder.dir, folder.ensure) : undefined;
  const services = await buildCliServices(estateFile, io.env, estate, { store: store?.store, folder });
  try {
    const collect = collectNow({
      collector: services.collector,
      fp: services.fp,
      environments,
      onProgress: progress ? (env) => io.stderr.write(`\rcollecting ${env}…\u001b[K`) : undefined,
    });
    const outcome = await runAudit({
      loaded,
      collect: async (e) => {
        const collected = await collect(e);
        if (progress) io.stderr.write('\r\u001b[K');
        return collected;
      },
      now: at,
      ...(store ? { record: { store: store.store, runId } } : {}),
    });
    return { estate, result: outcome.report, judged: outcome.judged, at, runId, store, folder };
  } catch (err) {
    await store?.close();
    throw err;
  } finally {
    services.close();
  }
}
