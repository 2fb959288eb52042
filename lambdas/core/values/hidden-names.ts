import type { Fingerprinter } from '../fingerprint';
import type { NameVerdicts } from '../sources/interner';
import { secretInText } from './content-secrets';
import { urlSecretSpans } from './url-secrets';

// The rules that find a credential written as a name, and how it is spelt hidden: shared by the
// snapshot (engine/secret-key-names) and the recordings, which must spell a name as the snapshot does.

// A name is judged part by part along its path (a file's nesting, an SSM parameter's folders, .NET's `a:b`), so
// `clients.ghp_…` keeps `clients` readable (`clients.secret.1a2b3c4d`); a text naming one (a location,
// a dangling reference's target) word by word as well.
const PATH_SEPARATOR = /[./:\s]/;

// A credential the rules find in a name is a random token, with a run of letters and digits this long;
// a name without one is not put to the rules (a million keys, most of them short words, cost 5 s more).
const TOKEN_RUN = 12;

/** Whether `text` has a run of TOKEN_RUN letters or digits. */
export function hasTokenRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 122)) {
      if (++run >= TOKEN_RUN) return true;
    } else run = 0;
  }
  return false;
}

const NONE: readonly string[] = [];

// A word of a name around a credential (`CLIENTS_` in `CLIENTS_ghp_…`, `_OWNER` after it): letters of one
// case, shorter than a token's run. Taken off only while the rest is still a credential, so one setting
// is one key whether its source spells it as folders (`/clients/ghp_…`) or as one name (`CLIENTS_ghp_…`).
const LEADING_WORD = /^(?:[A-Z]{1,11}|[a-z]{1,11})[_.\-/:]/;
const TRAILING_WORD = /[_.\-/:](?:[A-Z]{1,11}|[a-z]{1,11})$/;

/** The credential in a secret `part`: the part without the ordinary words before and after it that the rules do not need. */
function narrowed(part: string): string {
  let text = part;
  for (let m = LEADING_WORD.exec(text); m && secretInText(text.slice(m[0].length)); m = LEADING_WORD.exec(text))
    text = text.slice(m[0].length);
  for (let m = TRAILING_WORD.exec(text); m && secretInText(text.slice(0, m.index)); m = TRAILING_WORD.exec(text))
    text = text.slice(0, m.index);
  return text;
}

/** The passwords (and token users, secret query values) of the URLs a name holds: hidden as a value's are, whatever their length. */
function urlParts(name: string): string[] {
  return urlSecretSpans(name)
    .map((span) => name.slice(span.start, span.end))
    .filter((part) => part !== '');
}

/** False where secretParts finds nothing without a look further: no URL and no run of a token's length. */
export const mayHoldSecretParts = (rawKey: string): boolean => rawKey.includes('://') || hasTokenRun(rawKey);

/**
 * The parts of a key's spelling that are credentials: each part of its path that is one, else the whole name, without
 * ordinary words around it; and the password of a URL written in it (a map keyed by DSN, a connection string pasted
 * where a parameter's name belongs), which is no token the rules know and no path part.
 */
export function secretParts(rawKey: string, verdicts: NameVerdicts): readonly string[] {
  if (!mayHoldSecretParts(rawKey)) return NONE;
  const url = rawKey.includes('://');
  let parts = verdicts.get(rawKey);
  if (parts === undefined) {
    parts = NONE;
    if (hasTokenRun(rawKey) && secretInText(rawKey)) {
      const found = rawKey.split(PATH_SEPARATOR).filter((part) => part !== '' && secretInText(part));
      parts = (found.length ? found : [rawKey]).map(narrowed);
    }
    const passwords = url ? urlParts(rawKey).filter((part) => !parts!.some((p) => p.includes(part))) : NONE;
    if (passwords.length) parts = [...parts, ...passwords];
    verdicts.set(rawKey, parts);
  }
  return parts;
}

/**
 * What stands for a credential in a name: `secret_` and its fingerprint's first 8 hex characters,
 * the same on every read. A name every recorded format takes (a dotenv file's, an SSM parameter's,
 * a container's variable), so a recording reads back; and a name that says secret, as its value is.
 */
export const shownFor = (part: string, fp: Fingerprinter): string => `secret_${fp.fingerprint(part).slice(0, 8)}`;

const HIDDEN_NAME = /(?:^|[^A-Za-z0-9])(secret_[0-9a-f]{8})(?![0-9a-f])/;

/** The first stand-in for a credential (`secret_1a2b3c4d`) in a name or a location, if any. */
export const hiddenNameIn = (text: string): string | undefined => HIDDEN_NAME.exec(text)?.[1];

/** `text` with each part replaced by what stands for it. */
export const replaced = (text: string, parts: ReadonlyMap<string, string>): string => {
  let out = text;
  for (const [part, shown] of parts) out = out.split(part).join(shown);
  return out;
};

export const judged = (rawKey: string, fp: Fingerprinter, verdicts: NameVerdicts): Map<string, string> | undefined => {
  const parts = secretParts(rawKey, verdicts);
  return parts.length ? new Map(parts.map((part) => [part, shownFor(part, fp)])) : undefined;
};

/** A name (or a location holding one) with each credential in it fingerprinted in place, as its snapshot spells it. */
export function hiddenText(text: string, fp: Fingerprinter, verdicts: NameVerdicts = new Map()): string {
  const parts = judged(text, fp, verdicts);
  return parts ? replaced(text, parts) : text;
}

/** Where the first credential the rules find in a name starts; -1 when it holds none. */
export function credentialStart(name: string, verdicts: NameVerdicts = new Map()): number {
  const starts = secretParts(name, verdicts)
    .map((part) => name.indexOf(part))
    .filter((i) => i >= 0);
  return starts.length ? Math.min(...starts) : -1;
}
