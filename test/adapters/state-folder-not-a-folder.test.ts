import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadFingerprintKey } from '../../lambdas/adapters/fingerprint-key-file';
import { ensureStateFolder, StateFolderError } from '../../lambdas/adapters/state-folder';

/** A folder holding a file named `.drift`, where the state folder belongs. */
function fileWhereTheFolderGoes(): string {
  const stateDir = path.join(mkdtempSync(path.join(tmpdir(), 'drift-notdir-')), '.drift');
  writeFileSync(stateDir, 'notes\n', { mode: 0o644 });
  return stateDir;
}

describe('a state folder that cannot be a folder', () => {
  it('a file named .drift is a StateFolderError naming what to do, and the file is left as it is', async () => {
    const stateDir = fileWhereTheFolderGoes();
    const refused = ensureStateFolder(stateDir);
    await expect(refused).rejects.toBeInstanceOf(StateFolderError);
    await expect(refused).rejects.toThrow(/is not a folder \(ENOTDIR\): move that file away/);
    expect(statSync(stateDir).mode & 0o777).toBe(0o644);
  });

  it('an estate file read from a pipe (-c <(…)) has nowhere to keep state: a StateFolderError', async () => {
    await expect(ensureStateFolder('/dev/fd/.drift')).rejects.toThrow(/cannot be made there \(ENOENT\)/);
  });

  it('--no-store still gets a key for the run where .drift is a file', async () => {
    const key = await loadFingerprintKey({ stateDir: fileWhereTheFolderGoes() });
    expect(key.length).toBeGreaterThanOrEqual(32);
  });

  it('a .drift that is a symbolic link (one a repository can commit) is refused: nothing is made owner-only or written through it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'drift-link-'));
    const elsewhere = path.join(root, 'elsewhere');
    mkdirSync(elsewhere);
    chmodSync(elsewhere, 0o755);
    const stateDir = path.join(root, 'checkout', '.drift');
    mkdirSync(path.dirname(stateDir));
    symlinkSync(elsewhere, stateDir);
    const refused = ensureStateFolder(stateDir);
    await expect(refused).rejects.toBeInstanceOf(StateFolderError);
    await expect(refused).rejects.toThrow(/is a symbolic link \(ELINK\): replace it by a folder/);
    expect(statSync(elsewhere).mode & 0o777).toBe(0o755);
    expect(existsSync(path.join(elsewhere, '.gitignore'))).toBe(false);
  });
});
