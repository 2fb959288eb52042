import { yamlNestingOverAt, yamlNodesOver } from '../../../lambdas/core/sources/yaml-budget';

describe('yamlNodesOver', () => {
  it('counts line breaks, {, [ and , past the limit only', () => {
    expect(yamlNodesOver('a: [{}, {}]\nb: 1\n', 5)).toBe(true); // 6
    expect(yamlNodesOver('a: [{}, {}]\nb: 1\n', 6)).toBe(false);
  });

  it('needs a text longer than the limit to be over it (each counts a character)', () => {
    expect(yamlNodesOver('[[[', 3)).toBe(false);
    expect(yamlNodesOver('[[[[', 3)).toBe(true);
    expect(yamlNodesOver('\n\n\n\n', 3)).toBe(true);
  });
});

describe('yamlNestingOverAt', () => {
  const block = (n: number): string => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`;

  it('gives the line where indentation, a line\'s leading "- ", and open brackets pass the limit', () => {
    expect(yamlNestingOverAt(block(10), 10)).toBeUndefined();
    expect(yamlNestingOverAt(block(11), 10)).toBe(11);
    expect(yamlNestingOverAt(`a:\n${'- '.repeat(10)}x\n`, 10)).toBe(2);
    expect(yamlNestingOverAt(`a: b\nc: ${'['.repeat(10)}${']'.repeat(10)}\n`, 10)).toBe(2);
    expect(yamlNestingOverAt(`a:\n  b: {c: [\n    1, 2]}\n`, 10)).toBeUndefined();
  });

  it('counts closed brackets no more, and a stray one hides no depth', () => {
    expect(yamlNestingOverAt(`${'a: [[[]]]\n'.repeat(100)}`, 4)).toBeUndefined();
    expect(yamlNestingOverAt(`m: see [1\n${block(5)}`, 5)).toBe(6);
  });

  it('a comment or a blank line closes no indentation, and a comment line opens no bracket', () => {
    expect(yamlNestingOverAt('a:\n  b:\n# c\n\n    d:\n      e: 1\n', 3)).toBe(6);
    expect(yamlNestingOverAt(`# ${'['.repeat(20)}\n  # {{{{{{{{\na: [1]\n`, 3)).toBeUndefined();
  });
});
