import { boundErrors, MAX_ERROR_CHARS, MAX_SOURCE_ERRORS } from '../../../lambdas/core/sources/bounded-errors';

describe('boundErrors', () => {
  test.each([
    ['none', [], []],
    ['a few, as they are', ['a', 'b'], ['a', 'b']],
    [
      'exactly the cap, as they are',
      Array.from({ length: MAX_SOURCE_ERRORS }, (_, i) => `e${i}`),
      Array.from({ length: MAX_SOURCE_ERRORS }, (_, i) => `e${i}`),
    ],
    [
      'one more than the cap',
      Array.from({ length: MAX_SOURCE_ERRORS + 1 }, (_, i) => `e${i}`),
      [...Array.from({ length: MAX_SOURCE_ERRORS }, (_, i) => `e${i}`), '… and 1 more error'],
    ],
    [
      'forty thousand',
      Array.from({ length: 40_000 }, (_, i) => `e${i}`),
      [...Array.from({ length: MAX_SOURCE_ERRORS }, (_, i) => `e${i}`), '… and 39980 more errors'],
    ],
  ])('%s', (_name, errors, expected) => {
    expect(boundErrors(errors)).toEqual(expected);
  });

  test('a long error is cut to the limit, never through a surrogate pair', () => {
    const [cut] = boundErrors(['x'.repeat(1_000_000)]);
    expect(cut).toBe(`${'x'.repeat(MAX_ERROR_CHARS - 1)}…`);
    const [emoji] = boundErrors(['😀'.repeat(MAX_ERROR_CHARS)]);
    expect(emoji!.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    expect(emoji).toMatch(/^(😀)+…$/u);
  });
});
