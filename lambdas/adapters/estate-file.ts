import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { EstateLoadError, type EstateRef, type EstateSource, type EstateVersion, type LoadedEstate } from '../ports/estate-source';
import { fsCode, fsReason, notAFileReason } from './fs-reason';
import { confinementProblem, TRUST_HINT } from './estate-confinement';
import { MAX_ESTATE_FILE_BYTES, readEstate, TOO_LARGE, type EstateFiles } from './estate-reader';

const reason = (err: unknown): string => fsReason(err) ?? fsCode(err);

/** `-c services/checkout` for the estate file in it: said so when the folder holds one (never for a baseline file). */
function folderReason(file: string, estateFile: string | undefined): string {
  const holdsEstate = file === estateFile && existsSync(path.join(file, 'drift.yaml'));
  return holdsEstate ? 'is a folder (it holds a drift.yaml: give -c that file, not its folder)' : 'is a folder';
}

/** Estate files in a folder: the baseline file must stay in the estate file's folder (see confinementProblem) unless trusted. */
const folderFiles = (trustPaths: boolean, estateFile?: string): EstateFiles => ({
  read: async (file) => {
    try {
      // Synchronous: one small local file, read before anything else can run.
      const info = statSync(file);
      if (info.isFile() && info.size > MAX_ESTATE_FILE_BYTES) return { unreadable: TOO_LARGE };
      const special = notAFileReason(info);
      if (special) return { unreadable: special };
      if (info.isDirectory()) return { unreadable: folderReason(file, estateFile) };
      return { body: readFileSync(file) };
    } catch (err) {
      return { unreadable: reason(err) };
    }
  },
  baselineKey: async (file, written) => {
    const outside = trustPaths ? undefined : confinementProblem(path.dirname(file), written);
    return outside ? { refused: `${outside}; ${TRUST_HINT}` } : { key: path.join(path.dirname(file), written) };
  },
  defaultName: (file) => path.basename(path.dirname(path.resolve(file))),
});

export type LoadEstateResult =
  { ok: true; estate: Estate; warnings: EstateProblem[]; version: EstateVersion } | { ok: false; problems: EstateProblem[] };

/**
 * Reads and validates an estate file and the baseline file it names, if any; `version` names the
 * file and hashes the very bytes parsed, as the run record needs it.
 */
export async function loadEstate(file: string, opts: { trustPaths?: boolean } = {}): Promise<LoadEstateResult> {
  const r = await readEstate(folderFiles(opts.trustPaths ?? false, file), { key: file });
  if (!r.ok) return r;
  // The hash is taken when the run record reads it (readEstate): validating needs none.
  return {
    ok: true,
    estate: r.estate,
    warnings: r.warnings,
    version: {
      file: path.basename(file),
      get sha256() {
        return r.sha256;
      },
    },
  };
}

/** Estate files on disk, behind the same port as the bucket's: what the CLI audits. */
export class FileEstateSource implements EstateSource {
  constructor(
    private readonly files: readonly string[],
    private readonly opts: { trustPaths?: boolean } = {},
  ) {}

  async listKeys(): Promise<string[]> {
    return [...this.files].sort();
  }

  async load(ref: EstateRef): Promise<LoadedEstate> {
    const r = await loadEstate(ref.key, this.opts);
    if (!r.ok) throw new EstateLoadError(r.problems);
    return { ref: { key: ref.key }, estate: r.estate, baseline: r.version, warnings: r.warnings };
  }
}
