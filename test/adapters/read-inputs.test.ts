import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandInputs, MAX_INPUT_BYTES, MAX_SOURCE_BYTES } from '../../lambdas/adapters/read-inputs';
import { SourceInputError } from '../../lambdas/core/sources/errors';

let base: string;

const write = (rel: string, text = 'a: 1\n'): void => {
  mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
  writeFileSync(path.join(base, rel), text);
};

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'drift-inputs-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('expandInputs', () => {
  it('refuses a named pipe or a device, saying what it is: reading would wait for a writer or never end', async () => {
    if (process.platform !== 'linux') return;
    execFileSync('mkfifo', [path.join(base, 'values.env')]);
    symlinkSync('/dev/zero', path.join(base, 'zero.json'));
    await expect(expandInputs(['values.env'], base)).rejects.toThrow(
      new SourceInputError('values.env: is a named pipe, not a file drift can read to its end'),
    );
    await expect(expandInputs(['zero.json'], base, { trustPaths: true })).rejects.toThrow(
      new SourceInputError('zero.json: is a character device, not a file drift can read to its end'),
    );
  });

  it('expands folders recursively, sorted, keeping only config files and skipping dotfiles', async () => {
    for (const f of [
      'm/b.yaml',
      'm/a.json',
      'm/sub/c.yml',
      'm/sub/d.env',
      'm/plain',
      'm/notes.txt',
      'm/.hidden.yaml',
      'm/.git/x.json',
      'm/README.md',
    ]) {
      write(f);
    }
    const files = await expandInputs(['m'], base);
    expect(files.map((f) => f.file)).toEqual(['m/a.json', 'm/b.yaml', 'm/plain', 'm/sub/c.yml', 'm/sub/d.env']);
    expect(files[0]?.abs).toBe(path.join(base, 'm', 'a.json'));
  });

  it('keeps the order of the list, and reads a named file whatever its extension', async () => {
    write('z.txt');
    write('a/one.yaml');
    write('config/.env');
    // A hidden file is read only from a trusted estate (see estate-paths.test.ts).
    const files = await expandInputs(['z.txt', 'a/', './config/.env'], base, { trustPaths: true });
    expect(files.map((f) => f.file)).toEqual(['z.txt', 'a/one.yaml', 'config/.env']);
  });

  it('lists a file named twice once', async () => {
    write('a.yaml');
    expect((await expandInputs(['a.yaml', '.', 'a.yaml'], base)).map((f) => f.file)).toEqual(['a.yaml']);
  });

  it('names a missing path relative to the base folder', async () => {
    const err = await expandInputs(['config/missing.yml'], base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceInputError);
    expect((err as Error).message).toBe('config/missing.yml: not found');
    expect((err as Error).message).not.toContain(base);
  });

  it('refuses an input over 64 MiB, named or found in a folder', async () => {
    write('big/huge.json', '');
    truncateSync(path.join(base, 'big/huge.json'), MAX_INPUT_BYTES + 1);
    await expect(expandInputs(['big/huge.json'], base)).rejects.toThrow('big/huge.json: 65 MiB is over the 64 MiB limit');
    await expect(expandInputs(['big'], base)).rejects.toThrow(/^big\/huge\.json: .*64 MiB limit/);
  });

  it('refuses inputs whose sizes add up to more than one source may read, however many files hold them', async () => {
    // Sparse files: each under the per-file limit, together over the source's.
    const count = Math.floor(MAX_SOURCE_BYTES / MAX_INPUT_BYTES) + 1;
    for (let i = 0; i < count; i++) {
      write(`many/part-${i}.json`, '');
      truncateSync(path.join(base, `many/part-${i}.json`), MAX_INPUT_BYTES);
    }
    write('small.yaml');
    const total = `${count * 64} MiB in ${count} files is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB limit`;
    await expect(expandInputs(['many'], base)).rejects.toThrow(`many: ${total}`);
    await expect(expandInputs(['small.yaml', 'many'], base)).rejects.toThrow(/^small\.yaml, many: \d+ MiB in \d+ files is over/);
    expect((await expandInputs(['small.yaml', 'many/part-0.json'], base)).map((f) => f.file)).toEqual(['small.yaml', 'many/part-0.json']);
  });

  it('follows links to files but not to folders, so a cycle cannot loop', async () => {
    write('m/real.yaml');
    symlinkSync(path.join(base, 'm/real.yaml'), path.join(base, 'm/link.yaml'));
    symlinkSync(path.join(base, 'm'), path.join(base, 'm/loop'));
    expect((await expandInputs(['m'], base)).map((f) => f.file)).toEqual(['m/link.yaml', 'm/real.yaml']);
  });

  it('reads an empty folder as no files', async () => {
    mkdirSync(path.join(base, 'empty'));
    expect(await expandInputs(['empty'], base)).toEqual([]);
  });
});
