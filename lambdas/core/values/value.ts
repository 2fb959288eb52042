import { wholeCharsEnd } from './text-cut';
import { sha256Hex } from '../sha256';
import { jsonDigest } from './types';
import { emptyFingerprint, type Fingerprinter } from '../fingerprint';
import { keyContext, secretInContext, secretInText, withoutUrlSecrets } from './content-secrets';
import { hide, shownMasked } from './masked';
import { fromSecretMarker } from './secret-marker';
import { secretSpans } from './secret-spans';
import { replaceSpans, type Span } from './url-secrets';

/**
 * A configuration value as the core holds it. Secrets never exist here in plain text: a parser turns
 * them into fingerprints the moment it reads them.
 */
export type Value =
  | { kind: 'text'; text: string }
  /**
   * Too big to keep or show: compared by digest, shown by its first characters. `json`: the jsonDigest of
   * a JSON object or array, which a `json` key compares instead (spacing and key order aside).
   */
  | { kind: 'large'; digest: string; length: number; preview: string; json?: string }
  /**
   * `blank`: the secret was empty or whitespace only when read (a Kubernetes Secret key set to "", `DB_PASSWORD=`),
   * which to the application is no value; the one fact about its text a secret carries. Absent otherwise,
   * and on a value stored by an earlier drift.
   */
  | { kind: 'secret'; fingerprint: string; keyId: string; blank?: true }
  /**
   * A value with secret parts (a URL's password) hidden in place, so the rest stays comparable:
   * `text` holds each part as `<secret:FULL-FINGERPRINT>` (see masked.ts), made with key `keyId`.
   */
  | { kind: 'masked'; text: string; keyId: string }
  /**
   * Present, but its content cannot be read: `secret` when what cannot be read is a secret (a SecureString
   * recorded without decryption), not when it is only unknown here (a variable a dotenv file takes from the shell).
   */
  | { kind: 'opaque'; reason: string; secret?: true }
  /** A reference to something no source of the environment snapshots: compared as the reference. */
  | { kind: 'ref'; target: string };

// Only what opens like a JSON object or array is parsed: most large texts are not JSON.
const JSON_DOCUMENT = /^\s*[[{]/;

/** Values longer than this are kept as a digest and a preview. */
export const LARGE_VALUE_CHARS = 4096;
const PREVIEW_CHARS = 48;

/**
 * The secret a fingerprint marker stands for, where markers are accepted (drift's own recordings);
 * elsewhere a marker-shaped text is a secret of its own, whose fingerprint never equals the one it names.
 */
function markerValue(text: string, fp: Fingerprinter): Value | undefined {
  const marked = fromSecretMarker(text);
  if (!marked) return undefined;
  if (!fp.acceptsMarkers) return secretValue(text, fp);
  // A recording made before markers said `:blank` still knows an empty secret: by the key's fingerprint of nothing.
  if (marked.blank || marked.keyId !== fp.keyId || marked.fingerprint !== emptyFingerprint(fp)) return marked;
  return { ...marked, blank: true };
}

/**
 * The one way parsers turn what they read into a Value: secrets are fingerprinted here, and in a
 * recording drift wrote (see Fingerprinter.acceptsMarkers) a fingerprint marker is read back as the
 * secret it stands for. A text is secret when `secret` says so (its key), when its content is a
 * credential (read on its own, or as the value of `key` when given), and a URL's password is masked in place.
 */
export function makeValue(text: string, secret: boolean, fp: Fingerprinter, key?: string): Value {
  const marked = markerValue(text, fp);
  if (marked) return marked;
  if (secret) return secretValue(text, fp);
  const context = key === undefined ? undefined : keyContext(key);
  if (context && secretInContext(context, text)) return secretValue(text, fp);
  return contentValue(text, fp);
}

/** Whether a text is empty or whitespace only: to the application that reads it, no value. */
const blankText = (text: string): boolean => text.trim() === '';

/** Whether a value is blank: a text of whitespace only, or a secret that was one when read. */
export const isBlank = (v: Value): boolean => (v.kind === 'text' ? blankText(v.text) : v.kind === 'secret' && v.blank === true);

/** A secret text as the core holds it: its fingerprint, and whether it was blank, never the text. */
export function secretValue(text: string, fp: Fingerprinter): Extract<Value, { kind: 'secret' }> {
  const fingerprint = fp.fingerprint(text);
  return blankText(text) ? { kind: 'secret', fingerprint, keyId: fp.keyId, blank: true } : { kind: 'secret', fingerprint, keyId: fp.keyId };
}

/**
 * A text no name made secret, judged on its content alone (so it can be decided once per distinct
 * text): a credential is a secret, a URL's password is masked in place, anything else is plain.
 */
export function contentValue(text: string, fp: Fingerprinter): Value {
  const marked = markerValue(text, fp);
  if (marked) return marked;
  const spans = secretSpans(text);
  // The rules read the text without its URL passwords: a password alone never hides the whole URL.
  if (secretInText(withoutUrlSecrets(text, spans))) return secretValue(text, fp);
  return spans.length ? maskedValue(text, spans, fp) : writtenValue(text);
}

function maskedValue(text: string, spans: readonly Span[], fp: Fingerprinter): Value {
  let keyId = fp.keyId;
  const masked = replaceSpans(text, spans, (part) => {
    const hidden = hide(part, fp);
    if (hidden.keyId) keyId = hidden.keyId;
    return hidden.text;
  });
  // Kept whole however long: a digest would lose what a recording must write back.
  return { kind: 'masked', text: masked, keyId };
}

/**
 * A text with no secret in it, as drift holds a value: a huge one by its digest, so an expected value
 * (the baseline's text) compares with a running one of the same text.
 */
export function writtenValue(text: string): Value {
  if (text.length > LARGE_VALUE_CHARS) {
    const json = JSON_DOCUMENT.test(text) ? jsonDigest(text) : undefined;
    return {
      kind: 'large',
      digest: sha256Hex(text),
      length: text.length,
      preview: text.slice(0, PREVIEW_CHARS),
      ...(json === undefined ? {} : { json }),
    };
  }
  return { kind: 'text', text };
}

export const textValue = (text: string): Value => ({ kind: 'text', text });

// Control characters (C0, DEL, C1), line and paragraph separators, and every format character: bidi
// overrides and marks, zero-width spaces and joiners, the BOM, tag characters. A format character
// draws nothing or reorders what follows, so `db\u200bhost` would pass for `db.host` on a screen.
// And half of a surrogate pair (a JSON file may spell one, `"\ud800"`): it is no text, and a
// receiver's JSON parser (Slack's, a tracker's) refuses the whole message that holds one.
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/** Escapes control and invisible characters (and lone surrogates) so a value can never drive a terminal, break a line, pass for another or make JSON a receiver refuses. */
export function sanitize(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Cuts a string to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never half of a surrogate pair (an emoji): a lone half is not text, and some trackers refuse it.
  return `${text.slice(0, wholeCharsEnd(text, Math.max(0, max - 1)))}…`;
}

/** How a secret is shown: the first 8 hex characters of its fingerprint, `<secret:1a2b3c4d>`. */
const shownSecret = (fingerprint: string): string => `<secret:${fingerprint.slice(0, 8)}>`;
const SHOWN_SECRET = /^<secret:[0-9a-f]{1,64}>$/;

/** Whether a shown text is a secret as displayValue shows one (the whole text, not a URL holding one). */
export const isShownSecret = (shown: string): boolean => SHOWN_SECRET.test(shown);

/** How a value is shown to people and machines: never a secret, never raw control characters. */
/** The most characters `displayValue` shows of a value by default: a longer one is cut (`…`). */
export const DISPLAY_MAX = 200;

export function displayValue(v: Value, max = DISPLAY_MAX): string {
  switch (v.kind) {
    case 'text':
      return cut(sanitize(v.text), max);
    case 'large':
      return `${sanitize(v.preview)}… (${v.length} chars, sha256:${v.digest.slice(0, 12)})`;
    case 'secret':
      return shownSecret(v.fingerprint);
    case 'masked':
      return cut(shownMasked(sanitize(v.text)), max);
    case 'opaque':
      return `<unreadable: ${v.reason}>`;
    case 'ref':
      return `<ref:${cut(sanitize(v.target), max)}>`;
  }
}

/**
 * Whether a text displayValue showed is certainly the value's own text: nothing cut (`…`), escaped (`\`) or hidden
 * (`<secret:…>`, in a URL too, `<ref:…>`, `<unreadable: …>`). A value that holds those characters itself is not known so.
 */
export const shownWhole = (shown: string): boolean => shown.length < DISPLAY_MAX && !/[\\…]|^<|<secret:/.test(shown);

/** A value as shown to people, with an empty or blank one quoted (`""`) so it is seen as a value. */
export const visibleValue = (shown: string): string => (/^\s*$/.test(shown) ? JSON.stringify(shown) : shown);

/** An expected value as people see it: a fingerprint marker (what `drift adopt` writes for a secret) as the secret it stands for. */
export function shownExpected(expected: string): string {
  const secret = fromSecretMarker(expected);
  // Control characters escaped as in every running value shown (`displayValue`): one spelling for both sides.
  return secret ? displayValue(secret) : sanitize(expected);
}
