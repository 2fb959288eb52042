import type { Fingerprinter } from '../fingerprint';
import { fromSecretMarker, secretMarker } from './secret-marker';
import { secretSpans } from './secret-spans';
import { replaceSpans } from './url-secrets';

// A masked value's text holds each hidden part as its full fingerprint, so equality compares them
// in full; people see the first 8 hex characters, as for any secret.
const PLACEHOLDER = /<secret:([0-9a-f]{64})>/g;

/** What a hidden part of a value is replaced by in a masked value's text. */
export const placeholder = (fingerprint: string): string => `<secret:${fingerprint}>`;

/** A masked text as people see it: `postgres://orders:<secret:1a2b3c4d>@db:5432/orders`. */
export const shownMasked = (text: string): string => text.replace(PLACEHOLDER, (_, fp: string) => `<secret:${fp.slice(0, 8)}>`);

/** A masked text as a recording writes it: each hidden part as a fingerprint marker, which reads back as the same fingerprint. */
export const recordedMasked = (text: string, keyId: string): string =>
  text.replace(PLACEHOLDER, (_, fp: string) => secretMarker({ fingerprint: fp, keyId }));

/** A masked text without its fingerprints: the same shape under another fingerprint key. */
export const maskedShape = (text: string): string => text.replace(PLACEHOLDER, '<secret>');

/** The placeholder of one hidden part: its fingerprint, or the one a marker carries where markers are accepted (drift's recordings). */
export function hide(part: string, fp: Fingerprinter): { text: string; keyId?: string } {
  const marked = fp.acceptsMarkers ? fromSecretMarker(part) : undefined;
  return marked ? { text: placeholder(marked.fingerprint), keyId: marked.keyId } : { text: placeholder(fp.fingerprint(part)) };
}

// A hidden part with the separator only it needs: a password's `:` (before the `@`), a token user's `@`.
// As stored (the full fingerprint), as shown (its first 8 characters) or as a shape (none).
const HIDDEN_PASSWORD = /:<secret(?::[0-9a-f]{8,64})?>@/g;
const HIDDEN_USER = /\/\/<secret(?::[0-9a-f]{8,64})?>@/g;
const HIDDEN = /<secret(?::[0-9a-f]{8,64})?>/g;

/**
 * What a masked text shows without its hidden parts, as a baseline writes such a value (it cannot
 * write the password): `postgres://app:<secret:…>@db/app` → `postgres://app@db/app`.
 */
export const visibleRest = (text: string): string => text.replace(HIDDEN_PASSWORD, '@').replace(HIDDEN_USER, '//').replace(HIDDEN, '');

/** A written text (the baseline's) without the parts a running value would hide, as visibleRest leaves a masked one. */
export const writtenVisibleRest = (text: string): string => visibleRest(replaceSpans(text, secretSpans(text), () => '<secret>'));

/**
 * A masked URL as a baseline can write it (`postgres://app@db/app`): undefined when a hidden part is
 * anything but a URL's password or token user (a `password=` setting inside a value), whose text
 * without it would read as a setting left empty.
 */
export function urlWithoutSecrets(text: string): string | undefined {
  const rest = text.replace(HIDDEN_PASSWORD, '@').replace(HIDDEN_USER, '//');
  return rest.replace(HIDDEN, '') === rest ? rest : undefined;
}
