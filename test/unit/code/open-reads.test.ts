import { openPrefix, openReadsOf } from '../../../lambdas/core/code/open-reads';
import type { OpenRead } from '../../../lambdas/core/code/code-read';

const at = { file: 'app.py', line: 1, column: 1, language: 'python' as const, via: 'os.environ' };

describe('open reads', () => {
  test.each([
    ['FEATURE_', 'feature.'],
    ['APP', 'app'],
    ['featureFlag', 'feature.flag'],
    ['Logging.', 'logging.'],
    ['', undefined],
    ['__', undefined],
  ])('the keys a name starting %j can be start %j', (literal, prefix) => {
    expect(openPrefix(literal)).toBe(prefix);
  });

  test('a key is read by a name that starts as it does; any open read without a start leaves it maybe read', () => {
    const reads: OpenRead[] = [
      { ...at, line: 2, whole: true },
      { ...at, line: 3, prefix: 'feature.' },
    ];
    expect(openReadsOf(reads, 'feature.beta').read?.line).toBe(3);
    expect(openReadsOf(reads, 'log.level')).toEqual({ maybe: reads[0] });
    expect(openReadsOf([reads[1] as OpenRead], 'log.level')).toEqual({ maybe: undefined });
    expect(openReadsOf(undefined, 'log.level')).toEqual({});
  });
});
