import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { chmodSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { isUserFacing } from '../../lambdas/core/errors';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeKey, loadFingerprintKey } from '../../lambdas/adapters/fingerprint-key-file';
import { ensureStateFolder, StateFolderError } from '../../lambdas/adapters/state-folder';
import { fingerprinterFromSecretsManager } from '../../lambdas/adapters/secrets/fingerprint-key-secret';

// A fingerprint key must be 32+ random bytes: a short key or a passphrase makes every fingerprint
// guessable by trying likely values offline.
const PASSPHRASES = [
  'correct horse battery staple correct horse battery staple',
  'CANARY this is my secret fingerprint passphrase, 2026!',
  'correcthorsebatterystaplecorrecthorsebatterystaple12',
  'hunter2hunter2hunter2hunter2hunter2hunter2hunter2hunter2',
];
const SHORT = [randomBytes(16).toString('base64'), randomBytes(16).toString('hex'), randomBytes(31).toString('base64')];

describe('a fingerprint key', () => {
  it.each(PASSPHRASES)('refuses the passphrase %#, never quoting it', (text) => {
    expect(() => decodeKey(text)).toThrow(/32 or more random bytes/);
    try {
      decodeKey(text);
    } catch (err) {
      expect((err as Error).message).not.toContain(text.slice(0, 12));
    }
  });

  it.each(SHORT)('refuses a key shorter than 32 bytes (%#)', (text) => expect(() => decodeKey(text)).toThrow(/32 or more/));

  it('takes 32+ random bytes as base64, base64url or hex', () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(32 + (i % 17));
      for (const text of [key.toString('base64'), key.toString('base64url'), key.toString('hex'), `${key.toString('base64')}\n`])
        expect(decodeKey(text)).toEqual(key);
    }
  });

  it('from Secrets Manager, a passphrase is refused too', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    mockClient(client).on(GetSecretValueCommand).resolves({ SecretString: PASSPHRASES[0] });
    await expect(fingerprinterFromSecretsManager(client, 'drift/key')()).rejects.toMatchObject({ name: 'FingerprintKeyError' });
  });
});

describe('the CLI’s key file beside a read-only estate (a CI mount, a container)', () => {
  it('is a key for this run alone, and nothing is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-ro-'));
    const stateDir = path.join(dir, '.drift');
    const refused = async () => {
      throw new StateFolderError(`${stateDir} cannot be written (EROFS)`);
    };
    const [a, b] = [
      await loadFingerprintKey({ stateDir, ensureFolder: refused }),
      await loadFingerprintKey({ stateDir, ensureFolder: refused }),
    ];
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(a.equals(b)).toBe(false);
    expect(existsSync(stateDir)).toBe(false);
  });

  // Root writes anywhere: only another user sees the refusal.
  (process.getuid?.() === 0 ? it.skip : it)('a state folder that cannot be made is a StateFolderError naming what to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-ro-'));
    chmodSync(dir, 0o500);
    await expect(ensureStateFolder(path.join(dir, '.drift'))).rejects.toThrow(/cannot be written \(EACCES\): make it writable/);
  });

  it("a key file drift may not read (another user's, a folder) is the user's to fix: named, with the way out, never an internal error", async () => {
    const stateDir = path.join(mkdtempSync(path.join(tmpdir(), 'drift-unreadable-')), '.drift');
    mkdirSync(path.join(stateDir, 'fingerprint.key'), { recursive: true });
    const err = await loadFingerprintKey({ stateDir }).catch((e: unknown) => e);
    expect(isUserFacing(err)).toBe(true);
    expect((err as Error).message).toBe(
      `${path.join(stateDir, 'fingerprint.key')} cannot be read (EISDIR): make it a file this user may read, or give the key in DRIFT_FINGERPRINT_KEY`,
    );
  });

  it('a key file that is a named pipe is refused, saying so, without waiting for a writer', async () => {
    if (process.platform !== 'linux') return;
    const stateDir = path.join(mkdtempSync(path.join(tmpdir(), 'drift-key-pipe-')), '.drift');
    mkdirSync(stateDir);
    const file = path.join(stateDir, 'fingerprint.key');
    execFileSync('mkfifo', [file]);
    // A writer, so that a reader opening the pipe (the bug) gets text instead of hanging the test run.
    const writer = spawn('sh', ['-c', `printf 'not a key' > ${file}`], { stdio: 'ignore' });
    try {
      const err = await loadFingerprintKey({ stateDir }).catch((e: unknown) => e);
      expect(isUserFacing(err)).toBe(true);
      expect((err as Error).message).toBe(
        `${file} is a named pipe, not a file drift can read to its end: make it a file, or give the key in DRIFT_FINGERPRINT_KEY`,
      );
    } finally {
      writer.kill();
    }
  });
});
