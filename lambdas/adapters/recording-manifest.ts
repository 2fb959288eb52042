import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DriftRecording } from '../core/source-kinds/source-kind';
import type { K8sUnread } from '../core/sources/k8s-unread';
import { isRecord } from '../core/sources/shape';
import { isWithin } from './leaves-folder';

/** The file `drift snapshot --record` writes at the top of a recording: its fingerprint markers are drift's. */
export const RECORDING_MANIFEST = 'drift-recording.json';
const RECORDED_BY = 'drift snapshot --record';
/**
 * 2: a Kubernetes source's objects include those its container only mounts, except in the source folders
 * `partialMounts` lists (read from a kubectl capture, from an older recording, or live with one the Role hid).
 * Format 1, written before drift fetched mounted objects, may lack them in every source. `unread`, by source
 * folder: what a live read could not see, which the folder lacks (K8sUnread), unknown when read back.
 */
const FORMAT = 2;

/** What a recording manifest says, as read. */
interface Manifest {
  format: number;
  partialMounts: string[];
  unread: Record<string, K8sUnread>;
}

/** The manifest's text for a recording made with the fingerprint key `keyId`; `partialMounts`, `unread`: see FORMAT. */
export const recordingManifest = (keyId: string, partialMounts: readonly string[] = [], unread: Record<string, K8sUnread> = {}): string =>
  `${JSON.stringify(
    {
      recordedBy: RECORDED_BY,
      format: FORMAT,
      fingerprintKeyId: keyId,
      ...(partialMounts.length ? { partialMounts } : {}),
      ...(Object.keys(unread).length ? { unread } : {}),
    },
    null,
    2,
  )}\n`;

/** A folder's entry of `unread` as written, or undefined for anything else. */
function unreadEntry(v: unknown): K8sUnread | undefined {
  if (!isRecord(v) || !Array.isArray(v.objects) || !v.objects.every((o) => typeof o === 'string')) return undefined;
  const { autoscaling } = v;
  return { objects: v.objects as string[], ...(autoscaling === 'unread' || autoscaling === 'unknown' ? { autoscaling } : {}) };
}

// Synchronous: a small local file (mostly a missing one), looked for once per folder of a run.
function manifestIn(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, RECORDING_MANIFEST), 'utf8')) as Record<string, unknown> | null;
    if (m?.recordedBy !== RECORDED_BY) return undefined;
    const partialMounts = Array.isArray(m.partialMounts) ? m.partialMounts.filter((p): p is string => typeof p === 'string') : [];
    const unread: Record<string, K8sUnread> = {};
    for (const [folder, entry] of Object.entries(isRecord(m.unread) ? m.unread : {})) {
      const read = unreadEntry(entry);
      if (read) unread[folder] = read;
    }
    return { format: typeof m.format === 'number' ? m.format : 1, partialMounts, unread };
  } catch {
    return undefined;
  }
}

/** Whether `file` lies in the source folder `folder` of the recording in `dir`. */
function inFolder(dir: string, file: string, folder: string): boolean {
  const rel = path.relative(dir, file).split(path.sep).join('/');
  return rel === folder || rel.startsWith(`${folder}/`);
}

/** Whether the recording in `dir` holds the objects mounted by the source read from `file` (see FORMAT). */
function mountedObjectsOf(m: Manifest, dir: string, file: string): boolean {
  return m.format >= 2 && !m.partialMounts.some((p) => inFolder(dir, file, p));
}

/** What the reads recorded in the folders `file` lies in could not see, added to `into`. */
function addUnread(m: Manifest, dir: string, file: string, into: K8sUnread): void {
  for (const [folder, unread] of Object.entries(m.unread)) {
    if (!inFolder(dir, file, folder)) continue;
    for (const o of unread.objects) if (!into.objects.includes(o)) into.objects.push(o);
    if (unread.autoscaling && into.autoscaling !== 'unread') into.autoscaling = unread.autoscaling;
  }
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
  const unread: K8sUnread = { objects: [] };
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
    addUnread(found, dir, file, unread);
  }
  if (from.length === 0) return undefined;
  return unread.objects.length > 0 || unread.autoscaling ? { mountedObjects, unread } : { mountedObjects };
}
