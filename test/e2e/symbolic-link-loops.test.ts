import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift } from '../helpers/cli';

// A link that leads to itself (`ln -s a b; ln -s b a`, or a checkout whose links went round) was said with the OS's
// own message: `ELOOP: too many symbolic links encountered, stat '/home/…/drift.yaml'`, the absolute path and all.
// It is said in words now, with the file named as the user wrote it, as a source's own loop already was.
function folderWithLoops(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-loops-'));
  for (const [link, to] of [
    ['a.yaml', 'b.yaml'],
    ['b.yaml', 'a.yaml'],
    ['a.env', 'b.env'],
    ['b.env', 'a.env'],
  ]) {
    symlinkSync(to as string, path.join(dir, link as string));
  }
  writeFileSync(path.join(dir, 'app.env'), 'PORT=8080\n');
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: app.env }\n      - dotenv: { from: a.env }\n',
  );
  return dir;
}

describe('a symbolic link loop', () => {
  test('as the estate file: a positioned error in words, exit 2, no absolute path', async () => {
    const dir = folderWithLoops();
    const r = await drift(['validate', '-c', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('a.yaml:1:1: cannot read the estate file: too many symbolic links\n');
  });

  test("as a source's from: validate says so in words, at the path, without the folder", async () => {
    const dir = folderWithLoops();
    const r = await drift(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('drift.yaml:7:25: environments.dev.sources[1].dotenv.from: a.env cannot be read: too many symbolic links\n');
  });
});
