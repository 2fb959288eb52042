import { nodeCrypto } from '../core/on-demand/node-crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DriftError } from '../core/errors';
import { notAFileReason } from './fs-reason';
import { ensureStateFolder, StateFolderError } from './state-folder';

const KEY_FILE = 'fingerprint.key';
// The system's answers where a key file is there but cannot be read by this process.
const UNREADABLE: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EISDIR']);

/** The fewest bytes a fingerprint key may have: 256 bits, the HMAC-SHA256 block's worth of strength. */
export const MIN_KEY_BYTES = 32;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The bytes of strict base64 (or base64url) text, undefined when the text is not exactly that. */
function strictBase64(t: string): Buffer | undefined {
  const url = BASE64URL.test(t);
  if (!url && !(BASE64.test(t) && t.length % 4 === 0)) return undefined;
  const bytes = Buffer.from(t, url ? 'base64url' : 'base64');
  // Node skips what it cannot decode: only a text that encodes back to itself is really base64.
  const again = bytes.toString(url ? 'base64url' : 'base64');
  return again === t ? bytes : undefined;
}

/**
 * Decodes a key given as hex or base64 of at least 32 bytes. A passphrase is refused: printable text
 * that is neither, and base64-looking text without a capital letter, which random bytes' base64 of
 * this length has all but never (words and phrases usually have). The error never quotes the key.
 */
export function decodeKey(text: string, where = 'the fingerprint key'): Buffer {
  const t = text.trim();
  const bytes = HEX.test(t) ? Buffer.from(t, 'hex') : /[A-Z]/.test(t) ? strictBase64(t) : undefined;
  if (!bytes || bytes.length < MIN_KEY_BYTES) {
    throw new KeyFormatError(
      `${where} must be ${MIN_KEY_BYTES} or more random bytes, as hex or base64 (e.g. openssl rand -base64 32), not a passphrase`,
    );
  }
  return bytes;
}

/** A fingerprint key that is not one (a passphrase, too short) or cannot be read: the user's to fix, said without a stack. */
export class KeyFormatError extends DriftError {
  override name = 'KeyFormatError';
  readonly userFacing = true;
}

/**
 * The installation's fingerprint key: from `DRIFT_FINGERPRINT_KEY` when set, else from `.drift/`
 * beside the estate file, generated there on first use (readable by the owner only); with
 * `keep: false`, read where there is one, else a key for this run alone, and nothing is written.
 */
export async function loadFingerprintKey(opts: {
  fromEnv?: string;
  stateDir: string;
  /** False: never create the folder or the key file, nor touch their modes (a dry run writes nothing). */
  keep?: boolean;
  /** Makes the folder owner-only with its .gitignore: the command's one call, when it has one. */
  ensureFolder?: () => Promise<void>;
}): Promise<Buffer> {
  if (opts.fromEnv) return decodeKey(opts.fromEnv, 'DRIFT_FINGERPRINT_KEY');
  const ensureFolder = opts.ensureFolder ?? (() => ensureStateFolder(opts.stateDir));
  const file = path.join(opts.stateDir, KEY_FILE);
  try {
    // A named pipe or a link to /dev/zero would keep the read waiting, or reading, for ever.
    const special = notAFileReason(await stat(file));
    if (special) throw new KeyFormatError(`${file} ${special}: make it a file, or give the key in DRIFT_FINGERPRINT_KEY`);
    const key = decodeKey(await readFile(file, 'utf8'), file);
    if (opts.keep === false) return key;
    // A key an earlier drift (or a person) left readable to others is made owner-only again, where we may.
    await ensureFolder().catch(() => undefined);
    await chmod(file, 0o600).catch(() => undefined);
    return key;
  } catch (err) {
    // ENOTDIR: `.drift` is a file, so there is no key; ensureFolder says what that means.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (UNREADABLE.has(code)) {
      // A key is there but not for us (made by root in a container, say): a fresh one would fingerprint differently.
      throw new KeyFormatError(
        `${file} cannot be read (${code}): make it a file this user may read, or give the key in DRIFT_FINGERPRINT_KEY`,
        {
          cause: err,
        },
      );
    }
    if (!['ENOENT', 'ENOTDIR'].includes(code)) throw err;
  }
  const key = nodeCrypto().randomBytes(MIN_KEY_BYTES);
  if (opts.keep === false) return key;
  try {
    await ensureFolder();
  } catch (err) {
    // A read-only checkout (a CI mount, a container): the key is this run's alone. Fingerprints agree
    // within the run, which is all an audit without a store compares; nothing is written.
    if (err instanceof StateFolderError) return key;
    throw err;
  }
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    // The mode given to writeFile passes through the umask; chmod does not.
    await chmod(file, 0o600);
    return key;
  } catch (err) {
    // Another process created it first: use theirs, so both agree.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return decodeKey(await readFile(file, 'utf8'), file);
    throw err;
  }
}
