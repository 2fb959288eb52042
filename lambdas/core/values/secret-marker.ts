import type { Value } from './value';

const PREFIX = 'drift-fingerprint:v1:';
// The whole text must be a marker: a value that merely contains one is an ordinary value. `:blank` ends the marker of a blank secret.
const MARKER = /^drift-fingerprint:v1:([A-Za-z0-9_-]{1,64}):([0-9a-f]{64})(:blank)?$/;
const BLANK = ':blank';

// A marker at the start of a text, before a `:` or the end: how a recording writes a URL's token user.
const LEADING_MARKER = /^drift-fingerprint:v1:[A-Za-z0-9_-]{1,64}:[0-9a-f]{64}(?=:|$)/;

/** The length of the marker `text` starts with (then `:` or its end); 0 when it starts with none. */
export const leadingMarkerLength = (text: string): number => (text.startsWith(PREFIX) ? (LEADING_MARKER.exec(text)?.[0].length ?? 0) : 0);

/** Whether `text` holds a marker anywhere (whole, or as a URL's token user): what it makes depends on whether markers are accepted. */
export const mayHoldMarker = (text: string): boolean => text.includes(PREFIX);

/** The text a recording writes in place of a secret: its fingerprint and the key's id (and whether it is blank), never the value. */
export const secretMarker = (v: { fingerprint: string; keyId: string; blank?: true }): string =>
  `${PREFIX}${v.keyId}:${v.fingerprint}${v.blank ? BLANK : ''}`;

/** The secret Value a marker stands for; undefined when `text` is not exactly a marker. */
export function fromSecretMarker(text: string): Extract<Value, { kind: 'secret' }> | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  const m = MARKER.exec(text);
  if (!m) return undefined;
  const secret = { kind: 'secret', fingerprint: m[2] as string, keyId: m[1] as string } as const;
  return m[3] ? { ...secret, blank: true } : secret;
}
