import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ensureStateFolder } from './state-folder';

const KEY_FILE = 'fingerprint.key';

/** Decodes a key given as hex or base64 (at least 16 bytes). */
export function decodeKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length < 16) throw new Error('the fingerprint key must be at least 16 bytes (hex or base64)');
  return buf;
}

/**
 * The installation's fingerprint key: from `DRIFT_FINGERPRINT_KEY` when set, else from `.drift/`
 * beside the estate file, generated there on first use (readable by the owner only).
 */
export async function loadFingerprintKey(opts: { fromEnv?: string; stateDir: string }): Promise<Buffer> {
  if (opts.fromEnv) return decodeKey(opts.fromEnv);
  const file = path.join(opts.stateDir, KEY_FILE);
  try {
    return decodeKey(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await ensureStateFolder(opts.stateDir);
  const key = randomBytes(32);
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    // Another process created it first: use theirs, so both agree.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return decodeKey(await readFile(file, 'utf8'));
    throw err;
  }
}
