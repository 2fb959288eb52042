import { lstatSync } from 'node:fs';
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

/** True where `dir` is a symbolic link; what cannot be looked at (a file on its way) is said where the folder is made. */
function isLink(dir: string): boolean {
  try {
    return lstatSync(dir).isSymbolicLink();
  } catch {
    return false;
  }
}

/** `drift snapshot --record DIR`: every source, in the recorded formats (secrets as markers), and a drift.yaml that reads them. */
export async function snapshotCommand(opts: SnapshotOptions, io: CliIo): Promise<number> {
  if (!opts.record) throw new UsageError('snapshot: --record DIR is required');
  const estate = await loadEstateOrFail(opts.config, io);
  const environments = pickEnvironments(estate, opts.env);
  const dir = path.resolve(io.cwd, opts.record);
  // As `.drift` is: a link a repository commits (`recording -> ~/.config/…`) would have drift write the
  // recording wherever it leads. One meant is named by the folder it leads to.
  if (isLink(dir)) throw new UsageError(`snapshot --record ${opts.record}: is a symbolic link; name the folder it leads to`);
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
