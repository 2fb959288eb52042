import * as path from 'node:path';
import { makeFolders } from '../../adapters/make-folders';
import type { CliIo } from '../io';
import { EXIT, UsageError } from '../io';
import { loadEstateOrFail, pickEnvironments } from '../load';
import { recordSnapshot } from '../snapshot-session';

export interface SnapshotOptions {
  config: string;
  env?: string[];
  record?: string;
  /** `--store dynamodb:TABLE`, or false for `--no-store`: what other environments hold as secrets is asked of it. */
  store?: string | boolean;
}

/** `drift snapshot --record DIR`: every source, in the recorded formats (secrets as markers), and a drift.yaml that reads them. */
export async function snapshotCommand(opts: SnapshotOptions, io: CliIo): Promise<number> {
  if (!opts.record) throw new UsageError('snapshot: --record DIR is required');
  const estate = await loadEstateOrFail(opts.config, io);
  const environments = pickEnvironments(estate, opts.env);
  const dir = path.resolve(io.cwd, opts.record);
  // Made before anything is read, so that a folder that cannot be made costs no collection.
  await makeFolders(dir).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`snapshot --record ${opts.record}: the folder cannot be made (${err.code ?? err.message})`);
  });
  const out = await recordSnapshot(estate, path.resolve(io.cwd, opts.config), dir, environments, io.env, opts.store);
  io.stdout.write(`recorded ${out.written.length} file(s) into ${path.relative(io.cwd, dir) || '.'}\n`);
  for (const d of out.differences) io.stderr.write(`drift: reads back differently: ${d}\n`);
  for (const f of out.failures) io.stderr.write(`drift: source failed: ${f}\n`);
  return out.failures.length ? EXIT.sourceFailed : EXIT.ok;
}
