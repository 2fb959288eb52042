import { canonicalKey } from '../keys';
import type { Observation } from '../model';
import type { ParseContext } from '../sources/context';
import type { K8sUnread } from '../sources/k8s-unread';
import { recordedMasked } from '../values/masked';
import { secretMarker } from '../values/secret-marker';
import { makeValue, type Value } from '../values/value';

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
  /** Its Kubernetes objects may lack those the container only mounts: one absent is read back as unknown, not missing. */
  mountedMayBeAbsent?: true;
  /** What the read it records could not see (the Role would not show it): read back as unknown, with an error, as it was read. */
  unread?: K8sUnread;
}

/**
 * The text a recording writes for a value: a marker for a secret, markers in place of a masked
 * value's hidden parts, the preview of a large one; undefined when there is none.
 */
export function recordedText(v: Value, where: string, losses: string[]): string | undefined {
  switch (v.kind) {
    case 'text':
      return v.text;
    case 'secret':
      return secretMarker(v);
    case 'masked':
      return recordedMasked(v.text, v.keyId);
    case 'large':
      losses.push(`${where}: a large value (${v.length} characters) is recorded as its first ${v.preview.length} characters`);
      return v.preview;
    case 'opaque':
    case 'ref':
      return undefined;
  }
}

/**
 * What a recording writes for a plain value a source holds under `name` (an environment variable,
 * a ConfigMap key): what the parser would make of it, secret by name or content, as recordedText
 * writes it; the text itself when it is plain, whatever its length.
 */
export function recordedLiteral(name: string, text: string, ctx: ParseContext): string {
  const key = canonicalKey(name);
  const v = makeValue(text, ctx.isSecretKey(key), ctx.fp, key);
  if (v.kind === 'secret') return secretMarker(v);
  if (v.kind === 'masked') return recordedMasked(v.text, v.keyId);
  return text;
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
