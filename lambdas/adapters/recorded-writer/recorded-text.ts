import type { Observation } from '../../core/model';
import { secretMarker } from '../../core/values/secret-marker';
import type { Value } from '../../core/values/value';

/** One file of a recording, relative to its source's folder. */
export interface RecordedFile {
  path: string;
  text: string;
}

/** What one source becomes in a recording: its files, its entry in the new estate, what it lost. */
export interface SourceRecording {
  files: RecordedFile[];
  /** The source's fields in the written `drift.yaml`, without `from:` (the writer adds it). */
  spec: Record<string, unknown>;
  losses: string[];
}

/** The text a recording writes for a value: a marker for a secret, the preview of a large one; undefined when there is none. */
export function recordedText(v: Value, where: string, losses: string[]): string | undefined {
  switch (v.kind) {
    case 'text':
      return v.text;
    case 'secret':
      return secretMarker(v);
    case 'large':
      losses.push(`${where}: a large value (${v.length} characters) is recorded as its first ${v.preview.length} characters`);
      return v.preview;
    case 'opaque':
    case 'ref':
      return undefined;
  }
}

/** The last observation of each raw key, in the order each was last set: what a flat file can hold. */
export function lastByRawKey(observations: readonly Observation[]): Map<string, Observation> {
  const out = new Map<string, Observation>();
  for (const o of observations) {
    out.delete(o.rawKey);
    out.set(o.rawKey, o);
  }
  return out;
}

const DOTENV_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/** A dotenv file of `pairs`, every value double-quoted with the escapes the dotenv reader knows. */
export function dotenvText(pairs: Iterable<[string, string]>): string {
  let out = '';
  for (const [key, value] of pairs) out += `${key}="${value.replace(/[\n\t\r"\\]/g, (c) => DOTENV_ESCAPES[c] as string)}"\n`;
  return out;
}
