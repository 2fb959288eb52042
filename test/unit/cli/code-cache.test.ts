import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeCache, codeCacheFolder } from '../../../lambdas/cli/code-cache';

const uid = process.getuid?.();
const scratch = (): string => mkdtempSync(path.join(os.tmpdir(), 'drift-code-cache-test-'));

/** A cache folder as start() names it, under a fresh temp folder. */
const folder = (tmp = scratch(), bundle = 'b1', root = '/opt/drift/dist/cli'): string =>
  codeCacheFolder(tmp, bundle, { v8: '1.2.3', arch: 'x64', uid, root });

let runs = 0;

/**
 * What a module `m.cjs` of `source` exports when run through `cache`. Each run names it in a folder of
 * its own, as V8 would otherwise find the script compiled by an earlier run of this process in memory.
 */
function exportsOf(cache: CodeCache, source: string): unknown {
  const filename = `/run-${++runs}/dist/cli/chunks/m.cjs`;
  const module = { exports: {} as unknown };
  cache.compile(filename, source)(module.exports, require, module as never, filename, path.dirname(filename));
  return module.exports;
}

const SOURCE = "'use strict'; module.exports = [1, 2, 3].map((n) => n * 2).join(',');";

describe('the CLI code cache', () => {
  test('the first run writes the code of what it compiled; the next run reads it and writes nothing', () => {
    const dir = folder();
    const first = new CodeCache(dir, 'validate', uid);
    expect(exportsOf(first, SOURCE)).toBe('2,4,6');
    expect(first.save()).toEqual([path.join(dir, 'm.cjs.validate.v8')]);

    const second = new CodeCache(dir, 'validate', uid);
    expect(exportsOf(second, SOURCE)).toBe('2,4,6');
    expect(second.save()).toEqual([]);
  });

  test('each command keeps its own cache of a chunk', () => {
    const dir = folder();
    const validate = new CodeCache(dir, 'validate', uid);
    exportsOf(validate, SOURCE);
    validate.save();
    const audit = new CodeCache(dir, 'audit', uid);
    exportsOf(audit, SOURCE);
    expect(audit.save()).toEqual([path.join(dir, 'm.cjs.audit.v8')]);
  });

  test('a damaged cache file is compiled from the source and rewritten', () => {
    const dir = folder();
    const first = new CodeCache(dir, 'validate', uid);
    exportsOf(first, SOURCE);
    const [file] = first.save() as [string];
    writeFileSync(file, Buffer.alloc(readFileSync(file).length, 7));

    const second = new CodeCache(dir, 'validate', uid);
    expect(exportsOf(second, SOURCE)).toBe('2,4,6');
    expect(second.save()).toEqual([file]);
  });

  test('a folder that cannot be made means no cache, and the code still runs', () => {
    const tmp = scratch();
    writeFileSync(path.join(tmp, 'a-file'), '');
    const cache = new CodeCache(folder(path.join(tmp, 'a-file')), 'validate', uid);
    expect(exportsOf(cache, SOURCE)).toBe('2,4,6');
    expect(cache.save()).toEqual([]);
  });

  test('no folder (the cache turned off) compiles and writes nothing', () => {
    const cache = new CodeCache(undefined, 'validate', uid);
    expect(exportsOf(cache, SOURCE)).toBe('2,4,6');
    expect(cache.save()).toEqual([]);
  });

  (uid === undefined ? test.skip : test)('a cache folder that others may write is neither read nor written', () => {
    const dir = folder();
    const planted = new CodeCache(dir, 'validate', uid);
    // The same length as SOURCE, another result: V8 would run this code for SOURCE.
    exportsOf(planted, SOURCE.replace('n * 2', 'n * 3'));
    planted.save();
    chmodSync(path.dirname(dir), 0o777);

    const cache = new CodeCache(dir, 'validate', uid);
    expect(exportsOf(cache, SOURCE)).toBe('2,4,6');
    expect(cache.save()).toEqual([]);
  });

  test("other bundles' caches: the three written last stay, older ones go", () => {
    const tmp = scratch();
    const others = ['b1', 'b2', 'b3', 'b4', 'b5'].map((b) => folder(tmp, b));
    others.forEach((dir, i) => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const at = new Date(Date.now() - (others.length - i) * 60_000);
      utimesSync(dir, at, at);
    });
    const cache = new CodeCache(folder(tmp, 'new'), 'validate', uid);
    exportsOf(cache, SOURCE);
    cache.save();
    expect(readdirSync(path.dirname(folder(tmp))).sort()).toEqual(['b3', 'b4', 'b5', 'new'].map((b) => path.basename(folder(tmp, b))));
  });

  test('each installation of a bundle keeps its own cache (V8 keeps the file names of the run that wrote one, for stack traces)', () => {
    const tmp = scratch();
    expect(folder(tmp, 'b1', '/opt/drift/dist/cli')).not.toBe(folder(tmp, 'b1', '/home/me/drift/dist/cli'));
    expect(folder(tmp, 'b1', '/opt/drift/dist/cli')).toBe(folder(tmp, 'b1', '/opt/drift/dist/../dist/cli'));
    expect(path.dirname(folder(tmp, 'b1', '/opt/drift/dist/cli'))).toBe(path.dirname(folder(tmp, 'b1', '/home/me/drift/dist/cli')));
  });
});
