import { createHash, type Hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { assembleEstate, parseBaselineDocument, parseEstateDocument, type EstateResult } from '../core/estate/parse-estate';
import { positionAt } from '../core/estate/yaml-positions';
import { confinementProblem, TRUST_HINT } from './estate-confinement';

const reason = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (err as Error).message;
};

/** The estate file (and its baseline file) as it was read: a run record names what it audited against. */
export interface EstateVersion {
  file: string;
  sha256: string;
}

const versions = new WeakMap<Estate, EstateVersion>();

/** The version of an estate loadEstate read, from the very bytes it parsed (a second read could differ). */
export const estateVersion = (estate: Estate): EstateVersion | undefined => versions.get(estate);

/** A file's text, its bytes added to `hash`. */
async function readText(file: string, hash: Hash): Promise<string> {
  const bytes = await readFile(file);
  hash.update(bytes);
  return bytes.toString('utf8');
}

/**
 * Reads and validates an estate file and the baseline file it names, if any; the baseline must stay
 * in the estate file's folder (see confinementProblem) unless the estate is trusted (`trustPaths`).
 */
export async function loadEstate(file: string, opts: { trustPaths?: boolean } = {}): Promise<EstateResult> {
  const hash = createHash('sha256');
  const result = await readEstate(file, hash, opts.trustPaths ?? false);
  if (result.ok) versions.set(result.estate, { file: path.basename(result.estate.file), sha256: hash.digest('hex') });
  return result;
}

async function readEstate(file: string, hash: Hash, trustPaths: boolean): Promise<EstateResult> {
  let text: string;
  try {
    text = await readText(file, hash);
  } catch (err) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `cannot read the estate file: ${reason(err)}` }] };
  }
  const doc = parseEstateDocument(text, file);
  if (!doc.ok) return doc;
  const dir = path.dirname(path.resolve(file));
  const defaultName = path.basename(dir);
  if (typeof doc.raw.baseline !== 'string') return assembleEstate(doc, defaultName);

  const baselineFile = path.join(path.dirname(file), doc.raw.baseline);
  const outside = trustPaths ? undefined : await confinementProblem(path.dirname(file), doc.raw.baseline);
  if (outside)
    return {
      ok: false,
      problems: [{ ...positionAt(doc.yaml, ['baseline']), message: `the baseline file ${doc.raw.baseline} ${outside}; ${TRUST_HINT}` }],
    };
  let baselineText: string;
  try {
    baselineText = await readText(baselineFile, hash);
  } catch (err) {
    const problem: EstateProblem = {
      ...positionAt(doc.yaml, ['baseline']),
      message: `cannot read the baseline file ${doc.raw.baseline}: ${reason(err)}`,
    };
    return { ok: false, problems: [problem] };
  }
  const baseline = parseBaselineDocument(baselineText, baselineFile);
  if (!baseline.ok) return baseline;
  return assembleEstate(doc, defaultName, baseline);
}
