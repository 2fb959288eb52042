import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DriftRecording } from '../core/source-kinds/source-kind';
import { isWithin } from './leaves-folder';

/** The file `drift snapshot --record` writes at the top of a recording: its fingerprint markers are drift's. */
export const RECORDING_MANIFEST = 'drift-recording.json';
const RECORDED_BY = 'drift snapshot --record';
/**
 * 2: a Kubernetes source's objects include those its container only mounts, except in the source folders
 * `partialMounts` lists (read from a kubectl capture, from an older recording, or live with one the Role hid).
 * Format 1, written before drift fetched mounted objects, may lack them in every source.
 */
const FORMAT = 2;

/** What a recording manifest says, as read. */
interface Manifest {
  format: number;
  partialMounts: string[];
}

/** The manifest's text for a recording made with the fingerprint key `keyId`; `partialMounts`: see FORMAT. */
export const recordingManifest = (keyId: string, partialMounts: readonly string[] = []): string =>
  `${JSON.stringify(
    { recordedBy: RECORDED_BY, format: FORMAT, fingerprintKeyId: keyId, ...(partialMounts.length ? { partialMounts } : {}) },
    null,
    2,
  )}\n`;

// Synchronous: a small local file (mostly a missing one), looked for once per folder of a run.
function manifestIn(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, RECORDING_MANIFEST), 'utf8')) as Record<string, unknown> | null;
    if (m?.recordedBy !== RECORDED_BY) return undefined;
    const partialMounts = Array.isArray(m.partialMounts) ? m.partialMounts.filter((p): p is string => typeof p === 'string') : [];
    return { format: typeof m.format === 'number' ? m.format : 1, partialMounts };
  } catch {
    return undefined;
  }
}

/** Whether the recording in `dir` holds the objects mounted by the source read from `file` (see FORMAT). */
function mountedObjectsOf(m: Manifest, dir: string, file: string): boolean {
  if (m.format < 2) return false;
  const rel = path.relative(dir, file).split(path.sep).join('/');
  return !m.partialMounts.some((p) => rel === p || rel.startsWith(`${p}/`));
}

/** What the manifests found per folder say, kept by a caller that asks for many sources of one run. */
export type ManifestsSeen = Map<string, Promise<Manifest | undefined>>;

/**
 * The recording drift wrote that every path of `from` lies in: a folder, between the path and the
 * estate's folder (inclusive), holds the recording manifest (the nearest counts); undefined when one
 * path lies in none. Only there are fingerprint markers read as the secrets they stand for; paths
 * outside the estate's folder never count.
 */
export async function driftRecordingOf(
  from: readonly string[],
  baseDir: string,
  seen: ManifestsSeen = new Map(),
): Promise<DriftRecording | undefined> {
  const base = path.resolve(baseDir);
  const marked = (dir: string): Promise<Manifest | undefined> => {
    let found = seen.get(dir);
    if (!found) seen.set(dir, (found = Promise.resolve(manifestIn(dir))));
    return found;
  };
  let mountedObjects = true;
  for (const entry of from) {
    const file = path.resolve(base, entry);
    let found: Manifest | undefined;
    let dir = file;
    for (; isWithin(base, dir) && !found; dir = path.dirname(dir)) {
      found = await marked(dir);
      if (found || dir === base) break;
    }
    if (!found) return undefined;
    mountedObjects &&= mountedObjectsOf(found, dir, file);
  }
  return from.length > 0 ? { mountedObjects } : undefined;
}
