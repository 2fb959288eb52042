import type { Hash } from 'node:crypto';
import { nodeCrypto } from '../core/on-demand/node-crypto';
import { readFile } from 'node:fs/promises';
import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import { recordedFrom } from '../core/source-kinds/fields';
import type { InputsDigest } from '../ports/audit-memo';
import { BUILD_ID } from './build-id';
import { expandInputs, type InputFile } from './read-inputs';
import { inDriftRecording } from './recording-manifest';

/** Bumped whenever what a memo holds, or how its digest is made, changes: old memos then never match. */
const DIGEST_FORMAT = 'drift-inputs/1';

export interface RecordedInputsOptions {
  /** The estate file's folder: `from:` paths are relative to it. */
  baseDir: string;
  trustPaths?: boolean;
  /**
   * The run's fingerprinter: the digest is keyed with it, since the files may hold secrets and what is
   * stored is never an unkeyed hash of one; another key also fingerprints the same secrets differently.
   */
  fp: Pick<Fingerprinter, 'keyId' | 'fingerprint'>;
}

/** The estate as loaded (maps and sets as their entries), so any change the loader sees changes the digest. */
const estateText = (estate: Estate): string =>
  JSON.stringify(estate, (_key, value: unknown) =>
    value instanceof Map ? { map: [...value.entries()] } : value instanceof Set ? { set: [...value] } : value,
  );

const field = (hash: Hash, text: string): void => {
  hash.update(text);
  hash.update('\u0000');
};

/**
 * What the CLI's recorded collector reads, as one keyed digest: the build, the estate as loaded, the key's id, and for
 * each source its files (as `expandInputs` lists them, each file's bytes hashed) and whether they sit
 * in a drift recording. Undefined when a source is read live, the estate reads `code:` trees, or an
 * input cannot be listed or read: those runs always take the full path.
 */
export const recordedInputsDigest =
  (opts: RecordedInputsOptions): InputsDigest =>
  async (estate) => {
    if (estate.code?.length) return undefined;
    const digest = nodeCrypto().createHash('sha256');
    field(digest, DIGEST_FORMAT);
    // Another build may judge the same inputs differently: its memos never match this one's.
    field(digest, BUILD_ID);
    field(digest, opts.fp.keyId);
    field(digest, estateText(estate));
    const manifests = new Map<string, Promise<boolean>>();
    // Each source's label, then its files: all listed first, so reading the next file overlaps hashing this one.
    const parts: Array<string | InputFile> = [];
    try {
      for (const env of estate.environments) {
        for (const spec of env.sources) {
          const from = recordedFrom(spec);
          if (!from) return undefined;
          parts.push(`${env.name}\u0000${spec.index}\u0000${String(await inDriftRecording(from, opts.baseDir, manifests))}`);
          for (const f of await expandInputs(from, opts.baseDir, { trustPaths: opts.trustPaths })) parts.push(f);
        }
      }
      const files = parts.filter((p): p is InputFile => typeof p !== 'string');
      const reading = (i: number): Promise<Buffer> | undefined => (i < files.length ? readFile(files[i]!.abs) : undefined);
      let read = 0;
      let next = reading(0);
      for (const part of parts) {
        if (typeof part === 'string') {
          field(digest, part);
          continue;
        }
        const bytes = await next!;
        next = reading(++read);
        // SHA-1 per file, the fastest hash Node ships: the whole is keyed at the end, and chance collisions are no concern.
        field(digest, `${part.file}\u0000${nodeCrypto().createHash('sha1').update(bytes).digest('hex')}`);
      }
    } catch {
      return undefined;
    }
    return opts.fp.fingerprint(digest.digest('hex'));
  };
