import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { mapStacksLazily } from '../../lambdas/adapters/lazy-source-maps';

// The mapped case (a real bundle, minified, its map beside it) is test/infra/lambda-bundle.test.ts.
describe('mapStacksLazily: stack traces through the source map beside a bundle, read at the first stack', () => {
  const original = Error.prepareStackTrace;
  afterEach(() => {
    Error.prepareStackTrace = original;
  });

  const bundleThatThrows = (): { file: string; fail: () => void } => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-stack-map-'));
    const file = path.join(dir, 'index.js');
    writeFileSync(file, "exports.fail = function fail() { throw new TypeError('lost'); };\n");
    return { file, fail: (createRequire(file)(file) as { fail: () => void }).fail };
  };
  const stackOf = (fail: () => void): string => {
    try {
      fail();
    } catch (err) {
      return (err as Error).stack ?? '';
    }
    throw new Error('did not throw');
  };

  test('no map beside the file: nothing is installed', () => {
    const { file } = bundleThatThrows();
    expect(mapStacksLazily(file)).toBe(false);
    expect(Error.prepareStackTrace).toBe(original);
  });

  test('a damaged map: read once, at the first stack of the bundle, and the stack stays as V8 writes it', () => {
    const { file, fail } = bundleThatThrows();
    writeFileSync(`${file}.map`, '{"version": 3, "mappings": ');
    const reads: string[] = [];
    expect(mapStacksLazily(file, (f) => (reads.push(f), '{"version": 3, "mappings": '))).toBe(true);
    expect(reads).toEqual([]);
    const first = stackOf(fail);
    const second = stackOf(fail);
    expect(reads).toEqual([`${file}.map`]);
    expect(first.split('\n')[0]).toBe('TypeError: lost');
    expect(first.split('\n')[1]).toMatch(new RegExp(`^ {4}at (Object\\.)?fail \\(${file.replace(/[.]/g, '\\.')}:1:\\d+\\)$`));
    expect(second.split('\n').slice(0, 2)).toEqual(first.split('\n').slice(0, 2));
  });

  test("a stack with none of the bundle's frames never reads the map", () => {
    const { file } = bundleThatThrows();
    writeFileSync(`${file}.map`, '{}');
    const reads: string[] = [];
    mapStacksLazily(file, (f) => (reads.push(f), '{}'));
    expect(new Error('elsewhere').stack).toMatch(/^Error: elsewhere\n {4}at /);
    expect(reads).toEqual([]);
  });
});
