// Long enough to carry a credential once decoded (24 bytes); shorter runs are words and ids.
const BASE64_RUN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;
const PERCENT_ESCAPE = /%[0-9a-fA-F]{2}/;
// What a decoded text may hold to be read as text: random bytes are almost never valid UTF-8 without controls.
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function fromBase64(run: string): string | undefined {
  const standard = run.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    const text = UTF8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return BINARY.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

function fromPercent(text: string): string | undefined {
  if (!PERCENT_ESCAPE.test(text)) return undefined;
  try {
    const decoded = decodeURIComponent(text);
    return decoded === text ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/**
 * The texts `text` encodes, one level deep: the whole of it percent-decoded, and each long base64 (or
 * base64url) run in it decoded, where the result is text. A credential is often written encoded (a
 * service account's JSON key as base64 in a CI variable, a connection URL percent-encoded in another
 * URL), and the rules only read what is written.
 */
export function encodedTexts(text: string): string[] {
  const out: string[] = [];
  const percent = fromPercent(text);
  if (percent !== undefined) out.push(percent);
  for (const m of text.matchAll(BASE64_RUN)) {
    const decoded = fromBase64(m[0]);
    if (decoded !== undefined) out.push(decoded);
  }
  return out;
}
