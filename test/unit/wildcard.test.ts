import fc from 'fast-check';
import { wildcardTest } from '../../lambdas/core/wildcard';

/** The regular expression a glob stands for: the reference on texts short enough for it. */
const reference = (glob: string): RegExp =>
  new RegExp(`^${[...glob].map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);

describe('wildcardTest', () => {
  it.each([
    ['production-*', 'production-us', true],
    ['production-*', 'production-', true],
    ['production-*', 'staging', false],
    ['*_URL', 'INVENTORY_URL', true],
    ['*_URL', 'INVENTORY_URLS', false],
    ['feature.?.enabled', 'feature.a.enabled', true],
    ['feature.?.enabled', 'feature.ab.enabled', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['?', '', false],
    ['db.[primary]', 'db.[primary]', true],
  ])('%s on %s is %s', (glob, text, matches) => {
    expect(wildcardTest(glob)(text)).toBe(matches);
  });

  it('agrees with the regular expression the glob stands for', () => {
    const chars = fc.constantFrom('a', 'b', '.', '*', '?', '[', '\n');
    fc.assert(
      fc.property(
        fc.string({ unit: chars, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '.', '[', '\n'), maxLength: 10 }),
        (glob, text) => {
          expect(wildcardTest(glob)(text)).toBe(reference(glob).test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers a glob of many stars on a long text that almost matches (a regular expression backtracks for ever)', () => {
    const glob = `${'*a'.repeat(10)}*b`;
    expect(wildcardTest(glob)('a'.repeat(2000))).toBe(false);
    expect(wildcardTest(glob)(`${'a'.repeat(2000)}b`)).toBe(true);
  });

  it('takes other characters for the wildcards when asked', () => {
    expect(wildcardTest('x\u0001y\u0002', '\u0001', '\u0002')('x-*-yz')).toBe(true);
    expect(wildcardTest('x\u0001y\u0002', '\u0001', '\u0002')('x*y')).toBe(false);
  });
});
