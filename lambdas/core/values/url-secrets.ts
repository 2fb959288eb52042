import { shannonEntropy } from './entropy';
import { leadingMarkerLength } from './secret-marker';

/** A part of a text to hide: `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

// `scheme://`, or `scheme:\/\/` as JSON written by PHP's json_encode (and others) escapes its slashes;
// the authority runs to the first `/`, whitespace or quote: a `?` or `#` may be part
// of a password written raw, and hiding too much is better than showing a password.
const SCHEME = /\b[a-z][a-z0-9+.-]*:(?:\/\/|\\\/\\\/)/gi;
const AUTHORITY_END = /[\s/"'<>\\`]/g;
// Query parameters whose name says it is a secret (`?password=…`, `&X-Amz-Security-Token=…`).
const SECRET_PARAM =
  /[?&;]((?:[a-z0-9_.-]*?)(?:password|passwd|pwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|credential|signature))=([^&#\s"'<>;]+)/gi;
// A word every name SECRET_PARAM reads holds: a URL whose parameters hold none (most) is not matched.
const SECRET_PARAM_WORD = /passw|pwd|secret|token|key|credential|signature/i;

// A user name that is an access token (`https://<token>@github.com/org/repo`, a Sentry DSN's key):
// long, letters and digits only, and random. People's and services' names have separators or are short.
const TOKEN_USER = /^(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{20,}$/i;
const tokenUser = (user: string): boolean => TOKEN_USER.test(user) && shannonEntropy(user) > 3.5;

/**
 * The last `@` in `text` at or after `from` and before `to`, else -1. Not `lastIndexOf`, which would go on to the
 * start of the text: a text of many URLs and no `@` would be read again for each.
 */
function lastAtIn(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === 64) return i;
  return -1;
}

/** A userinfo the authority was cut short in: the character it was cut at, and what ends the word it runs on in. */
interface RunOn {
  readonly cut: RegExp;
  readonly wordEnd: RegExp;
}

// A password written with a raw `/` (`postgres://u:Ab/cd@db/x`): URL parsers end the authority at
// the `/`, but the text is plainly user:password@host, and the part after the `/` is a password's.
const SLASHED: RunOn = { cut: /^\/$/, wordEnd: /[\s"'<>\\`]/g };

// A password holding a quote, backslash, backtick or angle bracket (`postgres://u:it's@db/x`: `'` is a
// sub-delimiter RFC 3986 allows in a userinfo; generated passwords hold the others): the authority was
// cut there, where a URL written inside quoted text would end, but the word runs on to an `@`.
// The userinfo then runs to the last `@` before the next whitespace or `/`. Not when the text was cut
// at whitespace or a `/`.
const QUOTED: RunOn = { cut: /^["'<>\\`]$/, wordEnd: /[\s/]/g };

const PORT = /^\d*$/;

/**
 * The `@` that ends a userinfo the authority `[from, end)` was cut short in, as `runOn` says, where its word
 * runs on to one; else -1. Not when the colon is a port's (`https://host:8443/users/ann@example.com`,
 * `"http://host:8080","mail":"a@b"`).
 */
function runOnUserinfoEnd(text: string, from: number, end: number, runOn: RunOn): number {
  if (!runOn.cut.test(text.charAt(end))) return -1;
  const colon = text.indexOf(':', from);
  if (colon < 0 || colon >= end || PORT.test(text.slice(colon + 1, end))) return -1;
  const wordEnd = new RegExp(runOn.wordEnd);
  wordEnd.lastIndex = end;
  const stop = wordEnd.exec(text)?.index ?? text.length;
  return lastAtIn(text, end + 1, stop);
}

/**
 * The passwords of the URLs in `text` (`scheme://user:password@host`, the userinfo split at its
 * last `@` and first `:`, as URL parsers do), a user name that is a token, and the values of their
 * secret-named query parameters, in order. Empty for the common text, which holds no `://`.
 */
export function urlSecretSpans(text: string): Span[] {
  if ((!text.includes('://') && !text.includes(':\\/\\/')) || (!text.includes('@') && !text.includes('='))) return [];
  const spans: Span[] = [];
  // A global pattern's lastIndex is state: set before each use (nothing this loop calls reads them).
  const scheme = SCHEME;
  const authorityEnd = AUTHORITY_END;
  scheme.lastIndex = 0;
  for (let m = scheme.exec(text); m !== null; m = scheme.exec(text)) {
    const from = m.index + m[0].length;
    authorityEnd.lastIndex = from;
    const end = authorityEnd.exec(text)?.index ?? text.length;
    const inAuthority = lastAtIn(text, from, end);
    const slashed = inAuthority >= from ? inAuthority : runOnUserinfoEnd(text, from, end, SLASHED);
    const at = slashed >= from ? slashed : runOnUserinfoEnd(text, from, end, QUOTED);
    if (at >= from) {
      // A recording writes a token user as a marker, whose own colons are not the userinfo's.
      const marker = leadingMarkerLength(text.slice(from, at));
      const colon = text.indexOf(':', from + marker);
      const hasPassword = colon >= 0 && colon < at;
      if (hasPassword && at > colon + 1) spans.push({ start: colon + 1, end: at });
      const userEnd = hasPassword ? colon : at;
      if (marker > 0 || tokenUser(text.slice(from, userEnd))) spans.push({ start: from, end: userEnd });
    }
    scheme.lastIndex = Math.max(end, at + 1, from);
    // A scheme's `://` lies after where the next would start: without one, the rest of the text is not matched.
    if (!text.includes('://', scheme.lastIndex) && !text.includes(':\\/\\/', scheme.lastIndex)) break;
  }
  if (!SECRET_PARAM_WORD.test(text)) return mergedSpans(spans);
  for (const m of text.matchAll(SECRET_PARAM)) {
    const start = m.index + m[0].length - (m[2] as string).length;
    spans.push({ start, end: m.index + m[0].length });
  }
  return mergedSpans(spans);
}

/** Spans in order, overlapping ones joined (a URL can be the value of another's `?password=`). */
export function mergedSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** `text` with each span replaced by what `hide` makes of its content. */
export function replaceSpans(text: string, spans: readonly Span[], hide: (part: string) => string): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + hide(text.slice(s.start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Whether every span lies inside a part of the text that a URL's rules hide (its password, a token
 * user, a secret parameter): a secret a variable expansion put only there is hidden in place, as any
 * URL's password is, and the rest of the URL stays comparable.
 */
export function withinUrlSecrets(text: string, spans: readonly Span[]): boolean {
  const hidden = urlSecretSpans(text);
  return spans.every((s) => hidden.some((h) => h.start <= s.start && s.end <= h.end));
}
