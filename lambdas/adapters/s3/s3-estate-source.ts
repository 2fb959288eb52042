import * as path from 'node:path';
import { EstateLoadError, type EstateRef, type EstateSource, type LoadedEstate } from '../../ports/estate-source';
import { MAX_ESTATE_FILE_BYTES, readEstate, TOO_LARGE, type EstateFiles } from '../estate-reader';
import { ESTATE_FILE, ESTATES_PREFIX } from './bucket-layout';
import type { S3Objects } from './s3-objects';

const MAX_CACHED = 64;

const isEstateFile = (key: string): boolean => path.posix.basename(key) === ESTATE_FILE;

/** Estate files in the bucket: a baseline file must stay under `estates/`. */
const bucketFiles = (objects: S3Objects): EstateFiles => ({
  read: async (key, versionId) => {
    const got = await objects.get(key, versionId, MAX_ESTATE_FILE_BYTES).catch((err: unknown) => {
      // S3 answers a missing object with 403 to a role that may not list where it would be (the functions list only
      // estates/…): that file's estate fails to load, with its problem, and the other estates' runs go on.
      if ((err as Error).name === 'AccessDenied')
        return { unreadable: 'not found, or not readable by this function (S3 says AccessDenied)' };
      throw err;
    });
    return got === 'too large' ? { unreadable: TOO_LARGE } : (got ?? { unreadable: 'not found' });
  },
  baselineKey: async (file, written) => {
    const key = path.posix.normalize(path.posix.join(path.posix.dirname(file), written));
    return key.startsWith(ESTATES_PREFIX) ? { key } : { refused: `is outside ${ESTATES_PREFIX}` };
  },
  defaultName: (file) => path.posix.basename(path.posix.dirname(file)),
});

/** Estate files in the installation's bucket, read at pinned versions so every stage of a run sees the same one. */
export class S3EstateSource implements EstateSource {
  // Pinned versions never change: parse each once per container.
  private readonly cache = new Map<string, Promise<LoadedEstate>>();
  private readonly files: EstateFiles;

  constructor(private readonly objects: S3Objects) {
    this.files = bucketFiles(objects);
  }

  async listKeys(): Promise<string[]> {
    return (await this.objects.keys(ESTATES_PREFIX)).filter(isEstateFile).sort();
  }

  load(ref: EstateRef): Promise<LoadedEstate> {
    if (!ref.versionId) return this.read(ref);
    const id = JSON.stringify([ref.key, ref.versionId, ref.baseline?.key, ref.baseline?.versionId]);
    let loaded = this.cache.get(id);
    if (!loaded) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(id, (loaded = this.read(ref)));
      loaded.catch(() => this.cache.delete(id));
    }
    return loaded;
  }

  private async read(ref: EstateRef): Promise<LoadedEstate> {
    const r = await readEstate(this.files, ref);
    if (!r.ok) throw new EstateLoadError(r.problems);
    const version = r.pinned.versionId;
    return {
      ref: r.pinned,
      estate: r.estate,
      baseline: { file: ref.key, sha256: r.sha256, ...(version ? { version } : {}) },
      warnings: r.warnings,
    };
  }
}
