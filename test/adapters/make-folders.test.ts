import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeFolders, makeFoldersSync } from '../../lambdas/adapters/make-folders';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'drift-make-folders-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// A folder under /proc cannot be made, yet mkdir says ENOENT although /proc exists: Node.js's own
// recursive mkdir loops on that for ever. Only where there is a /proc.
const withProc = existsSync('/proc/self') ? test : test.skip;

describe.each([
  ['makeFolders', (d: string, mode?: number) => makeFolders(d, mode)],
  ['makeFoldersSync', async (d: string, mode?: number) => makeFoldersSync(d, mode)],
])('%s', (_name, make) => {
  test('makes every missing folder down to the last, each with the mode (under the umask), and leaves existing ones be', async () => {
    const deep = path.join(dir, 'a', 'b', 'c');
    await make(deep, 0o700);
    for (const d of [path.join(dir, 'a'), path.join(dir, 'a', 'b'), deep]) {
      expect(statSync(d).isDirectory()).toBe(true);
      expect(statSync(d).mode & 0o077).toBe(0);
    }
    await make(deep, 0o700);
    await make(dir);
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  test("a file in the way is the system's error, ENOTDIR", async () => {
    writeFileSync(path.join(dir, 'file'), 'x');
    await expect(make(path.join(dir, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  test('the folder itself being a file is ENOTDIR too, as mkdir -p says it', async () => {
    writeFileSync(path.join(dir, 'file'), 'x');
    await expect(make(path.join(dir, 'file'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  withProc('a folder the system cannot make ends with its error instead of looping', async () => {
    await expect(make('/proc/drift-no-such-folder/sub')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
