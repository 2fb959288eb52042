import { jsonValuesOver } from '../../../lambdas/core/sources/json-budget';

describe('jsonValuesOver', () => {
  it('counts {, [ and , in a string or its bytes, past the limit only', () => {
    expect(jsonValuesOver('[{},{},{}]', 5)).toBe(true); // 6
    expect(jsonValuesOver('[{},{},{}]', 6)).toBe(false);
    expect(jsonValuesOver(Buffer.from('[{},{},{}]'), 5)).toBe(true);
    expect(jsonValuesOver(new Uint8Array(Buffer.from('[{},{},{}]')), 6)).toBe(false);
    expect(jsonValuesOver('{"a": "x,y,z,w,v"}', 3)).toBe(true); // commas in strings count: an upper bound
  });

  it('needs a text longer than the limit to be over it (each value takes a byte)', () => {
    expect(jsonValuesOver('[[[', 3)).toBe(false);
    expect(jsonValuesOver('[[[[', 3)).toBe(true);
    expect(jsonValuesOver(Buffer.from('[[[['), 3)).toBe(true);
  });
});
