import fc from 'fast-check';
import { cut } from '../../../lambdas/core/values/value';

const loneHalf = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('cut', () => {
  test('keeps a text that fits, and ends a longer one with … within max', () => {
    expect(cut('timeout', 7)).toBe('timeout');
    expect(cut('timeout', 5)).toBe('time…');
  });

  test('never leaves half of a surrogate pair (an emoji cut in two)', () => {
    // 'a' then emojis: the cut at an odd unit lands between the two halves of one.
    expect(cut(`a${'😀'.repeat(10)}`, 5)).toBe('a😀…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const out = cut(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(loneHalf.test(out)).toBe(false);
      }),
    );
  });
});
