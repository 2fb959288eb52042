import { isRecord, stripBom } from '../../../lambdas/core/sources/shape';

describe('shape helpers', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null) as object, true],
    [[], false],
    [null, false],
    [undefined, false],
    ['{}', false],
    [1, false],
  ])('isRecord(%p) is %p', (v, expected) => {
    expect(isRecord(v)).toBe(expected);
  });

  it('strips one leading byte-order mark and nothing else', () => {
    expect(stripBom('\uFEFFa: 1')).toBe('a: 1');
    expect(stripBom('\uFEFF\uFEFFx')).toBe('\uFEFFx');
    expect(stripBom('a\uFEFF')).toBe('a\uFEFF');
    expect(stripBom('')).toBe('');
  });
});
