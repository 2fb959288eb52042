import fc from 'fast-check';
import { allowLinearRegExp } from '../../../lambdas/adapters/linear-regexp';
import { keyPattern } from '../../../lambdas/core/values/key-pattern';

const PATTERNS = [
  '^[a-z0-9.-]+$',
  '^.{2,4}$',
  '^[^x]{2}$',
  '^(INFO|DEBUG|WARN)$',
  '^\\p{L}+$',
  '^\\u{1F600}?ok$',
  '^é+$',
  '^\\d+(ms|s)$',
  '^https://[a-z.]+(/\\S*)?$',
  '^(a+)+$',
];

// As the CLI and the Lambdas run: patterns take the linear-time engine where they can.
allowLinearRegExp();

describe('a key pattern', () => {
  it('gives the verdict of the pattern under the u flag, on any text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('ab', '😀', 'x😀', '😀ok', 'ok', 'éé', '12ms', 'aaaa')),
        (pattern, text) => {
          expect(keyPattern(pattern)(text)).toBe(new RegExp(pattern, 'u').test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
