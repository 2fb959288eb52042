import { mkdtempSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ownerOnlyFiles } from '../../../lambdas/adapters/state-folder';

// node:fs/promises cannot be spied on in place: the module is replaced by one that calls through.
jest.mock('node:fs/promises', () => {
  const actual = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');
  return { ...actual, readdir: jest.fn(actual.readdir), chmod: jest.fn(actual.chmod) };
});
const readdir = fsp.readdir as unknown as jest.Mock;
const chmod = fsp.chmod as unknown as jest.Mock;

describe('ownerOnlyFiles', () => {
  const folderWith = (name: string): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-owner-only-'));
    writeFileSync(path.join(dir, name), 'x', { mode: 0o644 });
    return dir;
  };

  test('makes the folder’s files owner-only, skipping one removed since it was listed (LevelDB rotates its files)', async () => {
    const dir = folderWith('CURRENT');
    const listed: Dirent[] = await jest.requireActual<typeof fsp>('node:fs/promises').readdir(dir, { withFileTypes: true });
    const gone = Object.assign(Object.create(Object.getPrototypeOf(listed[0])), listed[0], { name: 'MANIFEST-000011' }) as Dirent;
    readdir.mockResolvedValueOnce([gone, ...listed]);

    await ownerOnlyFiles(dir);

    expect(chmod).toHaveBeenCalledWith(path.join(dir, 'MANIFEST-000011'), 0o600);
    expect(statSync(path.join(dir, 'CURRENT')).mode & 0o777).toBe(0o600);
  });

  test('any other failure still fails', async () => {
    const dir = folderWith('CURRENT');
    chmod.mockRejectedValueOnce(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }));
    await expect(ownerOnlyFiles(dir)).rejects.toThrow('EPERM');
  });
});
