import { yamlNodesOver } from '../../../lambdas/core/sources/yaml-budget';

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
