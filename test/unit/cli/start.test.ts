import { cacheTagOf } from '../../../lambdas/cli/start';

describe('the command a cache is kept for', () => {
  test.each([
    [['node', 'drift', 'validate', '-c', 'drift.yaml'], 'validate'],
    [['node', 'drift', 'code', 'scan', 'src'], 'code'],
    [['node', 'drift', '--version'], '-'],
    [['node', 'drift'], '-'],
    [['node', 'drift', '../escape'], '-'],
  ])('%j → %s', (argv, tag) => expect(cacheTagOf(argv)).toBe(tag));
});
