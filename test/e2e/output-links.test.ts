import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// A pull request commits a link where CI writes an output (`report.txt -> ~/.bashrc`): drift replaces
// the link by its file and leaves the file it named as it was.
const HEAD = 'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\n';
const WITH_BASELINE = `${HEAD}baseline:\n  keys:\n    db.timeout: { type: duration, value: 10s }\n`;
const VICTIM = '# the CI user’s own file\n';

/** A file outside the checkout that a committed link names. */
function victim(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'drift-victim-')), 'bashrc');
  writeFileSync(file, VICTIM);
  return file;
}

describe('an output file that is a symbolic link is replaced, never followed', () => {
  test.each([
    ['--output text=FILE', 'report.txt', ['--output', 'text=report.txt'], /prod/],
    ['--output json=FILE', 'report.json', ['--output', 'json=report.json'], /"schema": "drift-audit\/v1"/],
    ['--report FILE', 'report.html', ['--report', 'report.html'], /^<!doctype html>/i],
  ])('audit %s', async (_what, name, flags, written) => {
    const dir = scratch({ 'drift.yaml': WITH_BASELINE, 'prod.env': 'DB_TIMEOUT=60s\n' });
    const target = victim();
    symlinkSync(target, path.join(dir, name));
    const run = await drift(['audit', '--no-store', ...flags], { cwd: dir });
    expect(run.stderr).not.toMatch(/cannot be written|permission/);
    expect(readFileSync(target, 'utf8')).toBe(VICTIM);
    expect(lstatSync(path.join(dir, name)).isFile()).toBe(true);
    expect(readFileSync(path.join(dir, name), 'utf8')).toMatch(written);
  });

  test('audit --output to a link that names a folder writes the report in place of the link', async () => {
    const dir = scratch({ 'drift.yaml': WITH_BASELINE, 'prod.env': 'DB_TIMEOUT=60s\n' });
    const folder = path.dirname(victim());
    symlinkSync(folder, path.join(dir, 'report.json'));
    const run = await drift(['audit', '--no-store', '--output', 'json=report.json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(lstatSync(path.join(dir, 'report.json')).isFile()).toBe(true);
    expect(readFileSync(path.join(folder, 'bashrc'), 'utf8')).toBe(VICTIM);
  });

  test('an existing report is replaced and keeps its permissions', async () => {
    const dir = scratch({ 'drift.yaml': WITH_BASELINE, 'prod.env': 'DB_TIMEOUT=60s\n', 'report.txt': 'old\n' });
    execFileSync('chmod', ['640', path.join(dir, 'report.txt')]);
    const run = await drift(['audit', '--no-store', '--output', 'text=report.txt'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toMatch(/prod/);
    expect(statSync(path.join(dir, 'report.txt')).mode & 0o777).toBe(0o640);
  });

  test('a character device, and a link to one, is written to', async () => {
    const dir = scratch({ 'drift.yaml': WITH_BASELINE, 'prod.env': 'DB_TIMEOUT=60s\n' });
    symlinkSync('/dev/null', path.join(dir, 'null.json'));
    const run = await drift(['audit', '--no-store', '--output', 'json=/dev/null', '--output', 'text=null.json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readlinkSync(path.join(dir, 'null.json'))).toBe('/dev/null');
  });

  test('a FIFO (a process substitution) is written to', async () => {
    const dir = scratch({ 'drift.yaml': WITH_BASELINE, 'prod.env': 'DB_TIMEOUT=60s\n' });
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // Read by another process, as `>(…)` is.
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk) => (read += String(chunk)));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const run = await drift(['audit', '--no-store', '--output', `json=${fifo}`], { cwd: dir });
    await closed;
    expect(run.stderr).toBe('');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(read)).toMatchObject({ schema: 'drift-audit/v1' });
  });

  test('the embedded store’s holder record is written in place of a link committed under .drift', async () => {
    const dir = scratch({ 'drift.yaml': WITH_BASELINE, 'prod.env': 'DB_TIMEOUT=60s\n' });
    const target = victim();
    mkdirSync(path.join(dir, '.drift'));
    symlinkSync(target, path.join(dir, '.drift', 'store.holder.json'));
    const run = await drift(['audit'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(VICTIM);
  });
});

describe('snapshot --record writes its own files and folders', () => {
  const ESTATE = { 'drift.yaml': HEAD, 'prod.env': 'DB_TIMEOUT=60s\n' };

  test('a --record folder that is a link is refused', async () => {
    const dir = scratch(ESTATE);
    const folder = path.dirname(victim());
    symlinkSync(folder, path.join(dir, 'rec'));
    const run = await drift(['snapshot', '--no-store', '--record', 'rec'], { cwd: dir });
    expect(run.stderr).toBe('drift: snapshot --record rec: is a symbolic link; name the folder it leads to\n');
    expect(run.code).toBe(2);
    expect(execFileSync('ls', ['-A', folder], { encoding: 'utf8' })).toBe('bashrc\n');
  });
});

describe('init and adopt rewrite a linked estate file where the link leads', () => {
  const rewrites: Array<[string, string, string[]]> = [
    ['adopt', WITH_BASELINE, ['adopt', 'prod', 'DB_TIMEOUT']],
    ['init', HEAD, ['init']],
  ];

  test.each(rewrites)('%s writes through a link inside the folder', async (_what, estate, args) => {
    const dir = scratch({ 'shared/drift.yaml': estate, 'prod.env': 'DB_TIMEOUT=60s\n' });
    symlinkSync(path.join('shared', 'drift.yaml'), path.join(dir, 'drift.yaml'));
    const run = await drift(args, { cwd: dir });
    expect(run.code).toBe(0);
    expect(lstatSync(path.join(dir, 'drift.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'shared', 'drift.yaml'), 'utf8')).not.toBe(estate);
  });
});
