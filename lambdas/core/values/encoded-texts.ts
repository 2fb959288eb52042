// Long enough to carry a credential once decoded (24 bytes); shorter runs are words and ids.
const MIN_RUN = 32;
const PERCENT_ESCAPE = /%[0-9a-fA-F]{2}/;
const ESCAPE_RUN = /(?:%[0-9a-fA-F]{2})+/g;
// What a decoded text may hold to be read as text: random bytes are almost never valid UTF-8 without controls.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

/** A base64 or base64url letter's six bits; -1 for any other character code. */
function sextetOf(c: number): number {
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 71; // a-z
  if (c >= 48 && c <= 57) return c + 4; // 0-9
  if (c === 43 || c === 45) return 62; // + -
  if (c === 47 || c === 95) return 63; // / _
  return -1;
}
const SEXTET: readonly number[] = Array.from({ length: 128 }, (_, c) => sextetOf(c));

// The bytes of a run of up to 4,096 letters: one buffer serves every such run of a text, as most runs are
// refused at their first bytes, and a buffer made for each cost more than reading its run. A longer run has
// its own. Made per text, not kept by the module: what it holds may be a secret's bytes.
const SCRATCH_BYTES = 3072;

/**
 * The bytes the base64 or base64url run `text[start, end)` decodes to, or undefined as soon as they cannot
 * be text (a control character, a byte no UTF-8 sequence allows there): most runs (ids, digests, random
 * tokens, letters repeated) are refused within their first bytes, with no string made; TextDecoder has the last word.
 */
function textBytes(text: string, start: number, end: number, scratch: () => Uint8Array): Uint8Array | undefined {
  if ((end - start) % 4 === 1) return undefined;
  const size = ((end - start) * 3) >> 2;
  const bytes = size <= SCRATCH_BYTES ? scratch() : new Uint8Array(size);
  let bits = 0;
  let buffered = 0;
  let length = 0;
  let continuations = 0;
  for (let i = start; i < end; i++) {
    buffered = ((buffered << 6) | SEXTET[text.charCodeAt(i)]!) & 0xffff;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const b = (buffered >> bits) & 0xff;
    if (continuations > 0) {
      if ((b & 0xc0) !== 0x80) return undefined;
      continuations--;
    } else if (b < 0x80) {
      if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) return undefined;
    } else if (b >= 0xc2 && b <= 0xdf) continuations = 1;
    else if (b >= 0xe0 && b <= 0xef) continuations = 2;
    else if (b >= 0xf0 && b <= 0xf4) continuations = 3;
    else return undefined;
    bytes[length++] = b;
  }
  return continuations === 0 ? bytes.subarray(0, length) : undefined;
}

function fromBase64(text: string, start: number, end: number, scratch: () => Uint8Array): string | undefined {
  const bytes = textBytes(text, start, end, scratch);
  if (bytes === undefined) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return BINARY.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Each run of escapes decoded on its own: one stray `%` (`100%`) or a run that is not UTF-8 leaves the others readable. */
function fromPercent(text: string): string | undefined {
  // `includes` first: the expression costs most texts, which hold no `%`, five times as much.
  if (!text.includes('%') || !PERCENT_ESCAPE.test(text)) return undefined;
  const decoded = text.replace(ESCAPE_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return decoded === text ? undefined : decoded;
}

const inAlphabet = (c: number): boolean => c < 128 && SEXTET[c]! >= 0;

/**
 * The texts the long base64 (or base64url) runs in `text` decode to, where the result is text: each
 * longest run of the alphabet of MIN_RUN letters or more (`/[A-Za-z0-9+/_-]{32,}={0,2}/g`, whose
 * padding decodes to nothing), found in one pass where the expression tries again at each letter of
 * every shorter run. A run is looked for from its MIN_RUN-th letter back: a character outside the
 * alphabet there skips every start before it, so most of a text of short words is never read.
 */
export function base64Texts(text: string): string[] {
  const out: string[] = [];
  let buffer: Uint8Array | undefined;
  const scratch = (): Uint8Array => (buffer ??= new Uint8Array(SCRATCH_BYTES));
  // `start` is 0 or follows a character outside the alphabet.
  let start = 0;
  while (start + MIN_RUN <= text.length) {
    let last = start + MIN_RUN - 1;
    while (last >= start && inAlphabet(text.charCodeAt(last))) last--;
    if (last >= start) {
      // No run starting at `start`..`last` reaches `last + 1`, nor MIN_RUN letters.
      start = last + 1;
      continue;
    }
    let end = start + MIN_RUN;
    while (end < text.length && inAlphabet(text.charCodeAt(end))) end++;
    const decoded = fromBase64(text, start, end, scratch);
    if (decoded !== undefined) out.push(decoded);
    start = end + 1;
  }
  return out;
}

// A JSON string's escapes: `\/` (PHP's json_encode writes every `/` so), `\n` (a PEM key's line breaks), `\uXXXX`…
const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g;
const JSON_ESCAPED: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** `text` with its JSON string escapes undone, or undefined when it holds none. */
function fromJsonEscapes(text: string): string | undefined {
  if (!text.includes('\\')) return undefined;
  const decoded = text.replace(JSON_ESCAPE, (_, hex: string | undefined, c: string | undefined) =>
    hex === undefined ? JSON_ESCAPED[c!]! : String.fromCharCode(parseInt(hex, 16)),
  );
  return decoded === text ? undefined : decoded;
}

/**
 * The texts `text` encodes, one level deep: the whole of it percent-decoded and with its JSON string
 * escapes undone, and each long base64 (or base64url) run in it decoded, where the result is text. A
 * credential is often written encoded (a service account's JSON key as base64 in a CI variable, a
 * connection URL percent-encoded in another URL, a webhook URL in JSON whose slashes are escaped, a
 * PEM key in a JSON string), and the rules only read what is written.
 */
export function encodedTexts(text: string): string[] {
  const percent = fromPercent(text);
  const unescaped = fromJsonEscapes(text);
  const runs = base64Texts(text);
  if (percent === undefined && unescaped === undefined) return runs;
  return [percent, unescaped, ...runs].filter((t): t is string => t !== undefined);
}
