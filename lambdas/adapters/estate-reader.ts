import { nodeCrypto } from '../core/on-demand/node-crypto';
import type { EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { assembleEstate, parseBaselineDocument, parseEstateDocument, type EstateResult } from '../core/estate/parse-estate';
import { positionAt } from '../core/estate/yaml-positions';
import type { EstateRef } from '../ports/estate-source';
import { utf16Encoding } from './utf16-text';
export { MAX_ESTATE_FILE_BYTES, TOO_LARGE } from './estate-limits';

/** One file as read: its bytes, and the version read where the store keeps versions. */
export interface FileRead {
  body: Buffer;
  versionId?: string;
}

/** What differs between the places estate files are read from (a folder, the bucket); the rest is `readEstate`. */
export interface EstateFiles {
  /**
   * A file's bytes (at a version, when given), at most MAX_ESTATE_FILE_BYTES, or why it cannot be
   * read, in words for the user (TOO_LARGE past the limit: see estate-limits); anything else throws.
   */
  read(key: string, versionId?: string): Promise<FileRead | { unreadable: string }>;
  /** The key of the baseline file an estate file names (as written there), or why it may not be read from there. */
  baselineKey(estateKey: string, written: string): Promise<{ key: string } | { refused: string }>;
  /** The estate's name when its file gives none: its folder's. */
  defaultName(estateKey: string): string;
}

/** An estate as parsed, pinned to the versions read, with the SHA-256 of the very bytes parsed (a second read could differ). */
export type ReadEstate =
  { ok: true; estate: Estate; warnings: EstateProblem[]; pinned: EstateRef; sha256: string } | { ok: false; problems: EstateProblem[] };

const pin = (key: string, read: FileRead): EstateRef => ({ key, ...(read.versionId ? { versionId: read.versionId } : {}) });

/** The result with the SHA-256 of `bodies`, hashed when first read: `drift validate` never reads it, and node:crypto costs a start 6 ms. */
function hashed(r: EstateResult, pinned: EstateRef, bodies: Buffer[]): ReadEstate {
  if (!r.ok) return r;
  let sha256: string | undefined;
  return {
    ...r,
    pinned,
    get sha256(): string {
      if (sha256 === undefined) {
        const hash = nodeCrypto().createHash('sha256');
        for (const body of bodies) hash.update(body);
        sha256 = hash.digest('hex');
      }
      return sha256;
    },
  };
}

/** A file saved as UTF-16 (its byte-order mark says so): not read as YAML in another encoding, but refused with what to do. */
function encodingProblem(key: string, body: Buffer): EstateProblem[] | undefined {
  const encoding = utf16Encoding(body);
  if (!encoding) return undefined;
  const message = `the file is ${encoding.toUpperCase()} text (its byte-order mark says so); drift reads estate and baseline files as UTF-8: save it as UTF-8`;
  return [{ file: key, line: 1, column: 1, message }];
}

/**
 * Reads, validates and assembles an estate file and the baseline file it names, at the versions
 * `ref` pins (the latest otherwise): the one estate loader, whichever store holds the files.
 */
export async function readEstate(files: EstateFiles, ref: EstateRef): Promise<ReadEstate> {
  const file = ref.key;
  const got = await files.read(file, ref.versionId);
  if ('unreadable' in got) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `cannot read the estate file: ${got.unreadable}` }] };
  }
  const encoded = encodingProblem(file, got.body);
  if (encoded) return { ok: false, problems: encoded };
  const doc = parseEstateDocument(got.body.toString('utf8'), file);
  if (!doc.ok) return doc;
  const defaultName = files.defaultName(file);
  const written = doc.raw.baseline;
  if (typeof written !== 'string') return hashed(assembleEstate(doc, defaultName), pin(file, got), [got.body]);

  const fail = (message: string): ReadEstate => ({ ok: false, problems: [{ ...positionAt(doc.yaml, ['baseline']), message }] });
  const where = await files.baselineKey(file, written);
  if ('refused' in where) return fail(`the baseline file ${written} ${where.refused}`);
  const b = await files.read(where.key, ref.baseline?.key === where.key ? ref.baseline.versionId : undefined);
  if ('unreadable' in b) return fail(`cannot read the baseline file ${written}: ${b.unreadable}`);
  const baselineEncoded = encodingProblem(where.key, b.body);
  if (baselineEncoded) return { ok: false, problems: baselineEncoded };
  const baseline = parseBaselineDocument(b.body.toString('utf8'), where.key);
  if (!baseline.ok) return baseline;
  return hashed(assembleEstate(doc, defaultName, baseline), { ...pin(file, got), baseline: pin(where.key, b) }, [got.body, b.body]);
}
