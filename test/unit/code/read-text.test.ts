import type { CodeRead } from '../../../lambdas/core/code/code-read';
import { fallbackText, shownDefault } from '../../../lambdas/core/code/read-text';

const read = (fallback: CodeRead['fallback']): CodeRead => ({
  name: 'retail.ui.banner',
  key: 'retail.ui.banner',
  file: 'src/main/java/BaseController.java',
  line: 40,
  column: 12,
  language: 'java',
  via: '@Value',
  fallback,
});

describe('what a default reads as, for people', () => {
  test.each<[string, CodeRead['fallback'], string]>([
    ['a literal as the code writes it', { kind: 'default', value: '"8080"' }, 'falls back to "8080"'],
    // Spring's `${retail.ui.banner:}` and application.yml's `banner: ""`: nothing after "to" said nothing.
    ['an empty default', { kind: 'default', value: '' }, 'falls back to an empty value'],
    ['an expression', { kind: 'default' }, 'falls back to a computed default'],
    ['none', { kind: 'none' }, 'no default: the code gets nothing'],
  ])('%s', (_, fallback, text) => expect(fallbackText(read(fallback))).toBe(text));

  test('a column shows an empty default as (empty), not as nothing', () => {
    expect(shownDefault('')).toBe('(empty)');
    expect(shownDefault('in-memory')).toBe('in-memory');
  });
});
