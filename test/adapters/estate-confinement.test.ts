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

  it("reads the env files of cookiecutter-django's .envs folder (.envs/.production/.django), and nothing hidden elsewhere", async () => {
    const estate = path.join(root, 'estate');
    expect(await confinementProblem(estate, '.envs/.production/.django')).toBeUndefined();
    expect(await confinementProblem(estate, '.envs/.local/.postgres')).toBeUndefined();
    expect(await confinementProblem(estate, 'deploy/.envs/staging.env')).toBeUndefined();
    expect(await confinementProblem(estate, '.env.production')).toBeUndefined();
    for (const hidden of [
      '.git/config',
      '.drift/fingerprint.key',
      '.npmrc',
      '.env/x',
      '.envsx/.django',
      'config/.secrets/.django',
      // Under .envs too, where tools keep credentials.
      '.envs/.git/config',
      '.envs/.production/.npmrc',
      '.envs/.aws/credentials',
      '.envs/.drift/fingerprint.key',
    ])
      expect([hidden, await confinementProblem(estate, hidden)]).toEqual([hidden, expect.stringMatching(/hidden/)]);
  });

  it("reads akarpov's (a cookiecutter-django project's) env files where they are", async () => {
    const akarpov = path.join(__dirname, '../fixtures/realworld/akarpov');
    for (const file of ['.envs/.local/.django', '.envs/.local/.postgres', '.envs/.production/.django', '.envs/.production/.postgres'])
      expect(await confinementProblem(akarpov, file)).toBeUndefined();
  });

  it('refuses a link in the .envs folder to a hidden file', async () => {
    mkdirSync(path.join(root, 'estate/.envs/.production'), { recursive: true });
    mkdirSync(path.join(root, 'estate/.git'));
    writeFileSync(path.join(root, 'estate/.git/config'), 'x');
    symlinkSync(path.join(root, 'estate/.git/config'), path.join(root, 'estate/.envs/.production/.django'));
    expect(await confinementProblem(path.join(root, 'estate'), '.envs/.production/.django')).toMatch(/symbolic link to a hidden file/);
  });
});
