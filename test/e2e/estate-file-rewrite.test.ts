import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const HEAD = 'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\n';
const WITH_BASELINE = `${HEAD}baseline:\n  keys:\n    db.timeout: { type: duration, value: 10s }\n`;

/** The two commands that rewrite the estate file: adopt (a value) and init (a first baseline). */
const rewrites: Array<[string, string, string[]]> = [
  ['adopt', WITH_BASELINE, ['adopt', 'prod', 'DB_TIMEOUT']],
  ['init', HEAD, ['init']],
];

describe('a command that rewrites the estate file keeps the file it rewrites', () => {
  test.each(rewrites)('%s keeps its permissions (0640 stays 0640)', async (_what, estate, args) => {
    const dir = scratch({ 'drift.yaml': estate, 'prod.env': 'DB_TIMEOUT=60s\n' });
    const file = path.join(dir, 'drift.yaml');
    chmodSync(file, 0o640);
    const run = await drift(args, { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe(estate);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  // A checkout where drift.yaml links to a shared file (a monorepo's deploy/ folder, a dotfiles setup).
  test.each(rewrites)('%s writes through a symbolic link: the link stays, the file it names changes', async (_what, estate, args) => {
    // Paths in it are read from the link's folder, where the command was pointed.
    const dir = scratch({ 'deploy/drift.yaml': estate, 'app/prod.env': 'DB_TIMEOUT=60s\n' });
    const link = path.join(dir, 'app', 'drift.yaml');
    symlinkSync(path.join('..', 'deploy', 'drift.yaml'), link);
    const run = await drift([...args, '-c', link], { cwd: dir });
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'deploy', 'drift.yaml'), 'utf8')).not.toBe(estate);
  });
});
