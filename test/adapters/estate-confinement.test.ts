import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { confinementProblem } from '../../lambdas/adapters/estate-confinement';

let root: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'drift-confine-')));
  mkdirSync(path.join(root, 'estate/config'), { recursive: true });
  writeFileSync(path.join(root, 'estate/config/app.env'), 'A=1\n');
  writeFileSync(path.join(root, 'outside.env'), 'B=2\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('confinementProblem', () => {
  it('lets a file inside the folder be read, with no link on the way', async () => {
    expect(await confinementProblem(path.join(root, 'estate'), 'config/app.env')).toBeUndefined();
  });

  it('lets a file be read when the folder itself is reached through a link', async () => {
    symlinkSync(path.join(root, 'estate'), path.join(root, 'linked-estate'));
    expect(await confinementProblem(path.join(root, 'linked-estate'), 'config/app.env')).toBeUndefined();
  });

  it('refuses a link inside the folder to a file outside it, and to a hidden file, whether the folder is linked or not', async () => {
    symlinkSync(path.join(root, 'outside.env'), path.join(root, 'estate/config/out.env'));
    writeFileSync(path.join(root, 'estate/.secret'), 'x');
    symlinkSync(path.join(root, 'estate/.secret'), path.join(root, 'estate/config/hidden.env'));
    symlinkSync(path.join(root, 'estate'), path.join(root, 'linked-estate'));
    for (const folder of ['estate', 'linked-estate']) {
      expect(await confinementProblem(path.join(root, folder), 'config/out.env')).toMatch(/symbolic link outside/);
      expect(await confinementProblem(path.join(root, folder), 'config/hidden.env')).toMatch(/symbolic link to a hidden file/);
    }
  });

  it('refuses a path written outside the folder or through a hidden entry before looking at the disk', async () => {
    expect(await confinementProblem(path.join(root, 'estate'), '../outside.env')).toMatch(/outside the estate/);
    expect(await confinementProblem(path.join(root, 'estate'), '.drift/key')).toMatch(/hidden/);
  });
});
