import fc from 'fast-check';
import { pathGlobTest } from '../../lambdas/core/path-glob';

/** The regular expression `code:` excludes were matched with: the reference, on paths short enough for it. */
function reference(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

describe('pathGlobTest', () => {
  it.each([
    ['src/legacy/**', 'src/legacy/old/a.py', true],
    ['src/legacy/**', 'other/src/legacy/a.py', false],
    ['**/fixtures/**', 'fixtures/c.go', true],
    ['**/fixtures/**', 'a/b/fixtures/c.go', true],
    ['**/bin/Debug', 'bin/Debug', true],
    ['**/bin/Debug', 'Api/bin/Debug', true],
    ['**/bin/Debug', 'Api/xbin/Debug', false],
    ['*.test.ts', 'b.test.ts', true],
    ['*.test.ts', 'a/b.test.ts', false],
    ['file?.js', 'file1.js', true],
    ['file?.js', 'file/.js', false],
    ['a**b', 'a/x/b', true],
    ['', '', true],
    ['*', '', true],
  ])('%s on %s is %s', (glob, path, matches) => {
    expect(pathGlobTest(glob)(path)).toBe(matches);
  });

  it('agrees with the regular expression it replaces', () => {
    const globChar = fc.constantFrom('a', 'b', '/', '.', '*', '?', '**', '**/');
    fc.assert(
      fc.property(
        fc.array(globChar, { maxLength: 7 }).map((parts) => parts.join('')),
        fc.string({ unit: fc.constantFrom('a', 'b', '/', '.'), maxLength: 10 }),
        (glob, path) => {
          expect(pathGlobTest(glob)(path)).toBe(reference(glob).test(path));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('answers a glob of many stars on a long name that almost matches (the regular expression backtracks for ever)', () => {
    for (const star of ['*', '**']) {
      const glob = `${`${star}a`.repeat(12)}${star}b`;
      expect(pathGlobTest(glob)('a'.repeat(2000))).toBe(false);
      expect(pathGlobTest(glob)(`${'a'.repeat(2000)}b`)).toBe(true);
    }
  });

  it('takes a glob of a hundred thousand stars', () => {
    expect(pathGlobTest('*'.repeat(100_000))('any-name.js')).toBe(true);
  });
});
