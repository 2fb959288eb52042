import { urlWithoutSecrets } from '../values/masked';
import { secretMarker } from '../values/secret-marker';
import type { Value } from '../values/value';

/** What the baseline is given for a runtime value: the text to write, or why it cannot be written. */
export type Adoptable = { ok: true; text: string; secret: boolean } | { ok: false; reason: string };

/**
 * The text that makes `value` the expected one. A secret is written as its fingerprint marker
 * (`drift-fingerprint:v1:<keyId>:<hmac>`), never as itself: the mismatch check compares the running
 * secret's fingerprint with it, so the adopted secret is silent and a later change is a mismatch again.
 * A URL whose password is hidden is written without it (`postgres://app@db/app`), as the audit compares it;
 * a password written as a setting inside a value is refused (its text without it would read as an empty one).
 */
export function adoptableValue(value: Value): Adoptable {
  switch (value.kind) {
    case 'text':
      return { ok: true, text: value.text, secret: false };
    case 'secret':
      return { ok: true, text: secretMarker(value), secret: true };
    case 'masked': {
      // The baseline cannot hold the password, and the audit never judges it against one: the rest of a URL is what it expects.
      const url = urlWithoutSecrets(value.text);
      if (url !== undefined) return { ok: true, text: url, secret: false };
      return { ok: false, reason: 'it holds a secret part (a password or token written in it) that drift never sees in plain text' };
    }
    case 'large':
      return { ok: false, reason: 'it is too large to write into the baseline' };
    case 'opaque':
      return { ok: false, reason: `its content cannot be read (${value.reason})` };
    case 'ref':
      return { ok: false, reason: `it is an unresolved reference (${value.target})` };
  }
}
