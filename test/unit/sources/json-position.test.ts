import { jsonErrorOffset, lineColumn } from '../../../lambdas/core/sources/json-position';

describe('jsonErrorOffset', () => {
  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' "s" ', '0', '{"a":{"b":{}}}', '[[], [{}]]'])(
    'accepts valid JSON %s',
    (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonErrorOffset(text)).toBe(-1);
    },
  );

  it.each([
    ['{"a": x}', 6],
    ['{"a": 1', 7],
    ['{"a" 1}', 5],
    ['{a: 1}', 1],
    ['[1, 2,]', 6],
    ['{"a": 1,}', 8],
    ['[1] x', 4],
    ['"abc', 4],
    ['"a\\qb"', 2],
    ['"a\nb"', 2],
    ['', 0],
    ['01', 1],
    ['{"a": tru}', 6],
  ])('finds the error in %j at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('handles 100,000-deep arrays without recursion', () => {
    expect(jsonErrorOffset(`${'['.repeat(100_000)}x${']'.repeat(100_000)}`)).toBe(100_000);
  });
});

describe('lineColumn', () => {
  it('is 1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
