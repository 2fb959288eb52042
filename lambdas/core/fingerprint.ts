import { nodeCrypto } from './on-demand/node-crypto';

/** Turns a secret into a keyed fingerprint. The key comes from the wiring; the core never sees where. */
export interface Fingerprinter {
  /** Identifies the key (not secret), stored with each fingerprint so a rotation is not a change. */
  readonly keyId: string;
  /** HMAC-SHA256 of the value, hex. */
  fingerprint(plain: string): string;
  /**
   * True only where drift reads a recording it wrote itself: a fingerprint marker
   * (`drift-fingerprint:v1:…`) then stands for the secret it was made from. Anywhere else a
   * marker-shaped value is a secret like any other, fingerprinted from its own text.
   */
  readonly acceptsMarkers?: boolean;
  /** The fingerprint of the empty text, made once where markers are read (see emptyFingerprint). */
  readonly ofEmpty?: string;
}

/** Derives the public id of a fingerprint key. */
export const fingerprintKeyId = (key: Uint8Array): string =>
  nodeCrypto().createHash('sha256').update('drift-fingerprint-key-id').update(key).digest('hex').slice(0, 12);

/** A fingerprinter over an HMAC-SHA256 key. */
export function makeFingerprinter(key: Uint8Array): Fingerprinter {
  if (key.length < 32) throw new Error('fingerprint key must be at least 32 bytes');
  const keyCopy = Buffer.from(key);
  return {
    keyId: fingerprintKeyId(keyCopy),
    fingerprint: (plain) => nodeCrypto().createHmac('sha256', keyCopy).update(plain, 'utf8').digest('hex'),
  };
}

/**
 * The same fingerprinter, reading fingerprint markers as the secrets they stand for: for drift's own recordings only.
 * Every marker read is compared with the fingerprint of nothing (an empty secret of an older recording): made here, once.
 */
export const acceptingMarkers = (fp: Fingerprinter): Fingerprinter => ({
  keyId: fp.keyId,
  fingerprint: fp.fingerprint,
  acceptsMarkers: true,
  ofEmpty: fp.fingerprint(''),
});

/** The fingerprint of the empty text under `fp`'s key: how an empty secret is known where only its fingerprint is read back. */
export const emptyFingerprint = (fp: Fingerprinter): string => fp.ofEmpty ?? fp.fingerprint('');
