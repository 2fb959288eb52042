import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The file `drift snapshot --record` writes at the top of a recording: its fingerprint markers are drift's. */
export const RECORDING_MANIFEST = 'drift-recording.json';
const RECORDED_BY = 'drift snapshot --record';

/** The manifest's text for a recording made with the fingerprint key `keyId`. */
export const recordingManifest = (keyId: string): string =>
  `${JSON.stringify({ recordedBy: RECORDED_BY, format: 1, fingerprintKeyId: keyId }, null, 2)}\n`;

// Synchronous: a small local file (mostly a missing one), looked for once per folder of a run.
function holdsManifest(dir: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(path.join(dir, RECORDING_MANIFEST), 'utf8')) as { recordedBy?: unknown } | null)?.recordedBy === RECORDED_BY
    );
  } catch {
    return false;
  }
}

const inside = (dir: string, baseDir: string): boolean => dir === baseDir || dir.startsWith(baseDir + path.sep);

/**
 * True when every path of `from` lies in a recording drift wrote: a folder, between the path and the
 * estate's folder (inclusive), holds the recording manifest. Only there are fingerprint markers read
 * as the secrets they stand for; paths outside the estate's folder never count.
 */
export async function inDriftRecording(
  from: readonly string[],
  baseDir: string,
  /** What each folder was found to hold, kept by a caller that asks for many sources of one run. */
  seen = new Map<string, Promise<boolean>>(),
): Promise<boolean> {
  const base = path.resolve(baseDir);
  const marked = (dir: string): Promise<boolean> => {
    let found = seen.get(dir);
    if (!found) seen.set(dir, (found = Promise.resolve(holdsManifest(dir))));
    return found;
  };
  for (const entry of from) {
    let dir = path.resolve(base, entry);
    let recorded = false;
    for (; inside(dir, base) && !recorded; dir = path.dirname(dir)) {
      recorded = await marked(dir);
      if (dir === base) break;
    }
    if (!recorded) return false;
  }
  return from.length > 0;
}
