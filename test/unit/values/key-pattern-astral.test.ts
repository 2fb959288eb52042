import fc from 'fast-check';
import { allowLinearRegExp } from '../../../lambdas/adapters/linear-regexp';
import { keyPattern } from '../../../lambdas/core/values/key-pattern';

// As the CLI and the Lambdas run: patterns take the linear-time engine where they can.
allowLinearRegExp();

// Patterns whose verdict on a character outside the BMP is a matter of one character or two.
const PATTERNS = ['^.$', '^.{2,4}$', '^[^a-z]+$', '^\\W\\S\\D$', '^\\w*\\b.\\B$', '^[\\x00-\\xff]*$', '^(a|[^a])+$', '^\\uD83D\\uDE00$'];
const ASTRAL_TEXTS = ['😀', 'a😀', '😀😀', '\uD83D', 'a\uDE00b', '\uE000', 'é😀', '𝒳y'];

describe('a key pattern on a value with characters outside the BMP', () => {
  it('gives the verdict of the pattern under the u flag', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...ASTRAL_TEXTS)),
        (pattern, text) => {
          expect(keyPattern(pattern)(text)).toBe(new RegExp(pattern, 'u').test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('stays on the linear-time engine: nested repetition against an almost-match ending in an emoji returns at once', () => {
    // Backtracking doubles with each letter: 28 take over 10 s there (40 would take hours); here, no time.
    const started = Date.now();
    expect(keyPattern('^([a-z0-9]+-?)+$')(`${'a'.repeat(28)}😀`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
