import { nodeCrypto } from '../core/on-demand/node-crypto';
import * as path from 'node:path';
import type { AuditResult } from '../core/engine/audit';
import { claimEstateName } from '../adapters/embedded-store-owner';
import { recordedInputsDigest } from '../adapters/recorded-inputs-digest';
import { trustsEstatePaths } from '../adapters/estate-confinement';
import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import type { InputsDigest } from '../ports/audit-memo';
import { collectNow } from '../use-cases/collect-snapshots';
import { liveElsewhere } from '../use-cases/secrecy-elsewhere';
import { runAudit } from '../use-cases/run-audit';
import { cliCodeReader } from '../wiring/cli-code-reader';
import { buildCliServices, stateFolderOf, type StateFolder } from '../wiring/cli-services';
import { openExistingStore, openStore, type OpenStore } from '../wiring/open-store';
import { sanitize } from '../core/values/value';
import { UsageError, type CliIo } from './io';
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
  /** The run's fingerprinter: what spells a credential in a key's name hidden, as the snapshots do. */
  fp: Fingerprinter;
}

/** What an audit of every environment reads, digested for reuse; none for `--env` or without `reuse`. */
const reuseDigest = (
  remember: false | { reuse?: boolean },
  environments: string[] | undefined,
  estateFile: string,
  io: CliIo,
  fp: Fingerprinter,
): InputsDigest | undefined =>
  remember && remember.reuse && !environments
    ? recordedInputsDigest({ baseDir: path.dirname(estateFile), trustPaths: trustsEstatePaths(io.env), fp })
    : undefined;

const sharedNameError = (own: string, other: string, name: string): UsageError =>
  new UsageError(
    `${sanitize(own)} and ${sanitize(other)} are both the estate "${sanitize(name)}" (without \`name:\`, an estate is named after its folder) ` +
      `and would share its history in .drift/, each resolving the other's findings: give each its own \`name:\``,
  );

const cliRunId = (at: Date): string => `cli-${at.toISOString().replace(/[-:.]/g, '')}-${nodeCrypto().randomBytes(3).toString('hex')}`;

/**
 * Loads the estate, then runs the audit use case with the CLI's adapters: what audit, diff and
 * explain share. With `remember`, the store is opened first, so live sources can read only what
 * moved, and the run is recorded.
 */
export async function auditSession(
  /** `writeNothing`: no state written beside the estate file, not even a fingerprint key (a dry run). */
  opts: CommonOptions & { writeNothing?: boolean },
  io: CliIo,
  now: () => Date,
  progress: boolean,
  /**
   * `reuse`: an unchanged re-run of recorded sources may reuse the last audit's verdicts (see reuseAudit).
   * `vet`: checks against the loaded estate (a usage error), before anything is opened or collected.
   */
  remember: false | { runId?: string; reuse?: boolean; vet?: (estate: Estate) => Promise<void> } = false,
  /** The environments a query needs, decided once the estate is known (default: `--env`, else all). */
  scope?: (estate: Estate) => string[],
): Promise<AuditSession> {
  const at = auditInstant(opts.asOf, now);
  const loaded = await loadedEstateOrFail(opts.config, io);
  const { estate } = loaded;
  if (remember) await remember.vet?.(estate);
  const environments = pickEnvironments(estate, scope ? scope(estate) : opts.env);
  const estateFile = path.resolve(io.cwd, opts.config);
  const runId = (remember ? remember.runId : undefined) ?? cliRunId(at);
  const folder = stateFolderOf(estateFile);
  // An audit judged as of another day is a what-if: it must not write history.
  const store = remember && opts.asOf === undefined ? await openStore(opts.store, folder.dir, folder.ensure) : undefined;
  let kept: OpenStore | undefined;
  let services: Awaited<ReturnType<typeof buildCliServices>> | undefined;
  // Inside the try: a step that fails after the store opened (a damaged key file) must still close
  // it, or LevelDB's native handle keeps the process alive after the error is printed.
  try {
    // The embedded store's daily prune (its stand-in for DynamoDB's TTL) before the run writes: its scan
    // reads every item, and nothing this run writes has expired (its events expire 90 days after the
    // run, the chunks it supersedes 30 days after), so after the run it read this run's snapshots too.
    if (store?.kind === 'embedded') {
      await store.store.housekeeping(at);
      const other = await claimEstateName(store.store, estate.name, estateFile, at);
      if (other !== undefined) throw sharedNameError(path.basename(estateFile), other, estate.name);
    }
    // Read only, for what the environments not collected hold as secrets (see secrecy-elsewhere).
    kept = store ?? (liveElsewhere(estate, environments) ? await openExistingStore(opts.store, folder.dir, folder.ensure) : undefined);
    services = await buildCliServices(estateFile, io.env, estate, { store: store?.store, folder, keepKey: !opts.writeNothing });
    const collect = collectNow({
      collector: services.collector,
      fp: services.fp,
      environments,
      store: kept?.store,
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
      ...(store ? { record: { store: store.store, runId, reuse: reuseDigest(remember, environments, estateFile, io, services.fp) } } : {}),
      // Only an estate with `code:` loads the scanner (and web-tree-sitter).
      ...(estate.code ? { code: cliCodeReader(estateFile, io.env, services.fp) } : {}),
    });
    return { estate, result: outcome.report, judged: outcome.judged, at, runId, store, folder, fp: services.fp };
  } catch (err) {
    await store?.close();
    throw err;
  } finally {
    services?.close();
    if (kept !== store) await kept?.close();
  }
}
