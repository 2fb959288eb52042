import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';
import { estateFrom, estateYaml } from '../../helpers/estate';

const ENVS = ['dev'];

describe('code: in drift.yaml', () => {
  test.each([
    ['a path', 'code: src/\n', [{ path: 'src/', exclude: [], ignore: [], at: { file: 'drift.yaml', line: 7, column: 7 } }]],
    [
      'a tree with exclude and ignore',
      'code: { path: src/, exclude: ["**/vendor/**"], ignore: ["LEGACY_*"] }\n',
      [{ path: 'src/', exclude: ['**/vendor/**'], ignore: ['LEGACY_*'] }],
    ],
    [
      'a list of both',
      'code:\n  - services/a\n  - { path: services/b, ignore: [x] }\n',
      [
        { path: 'services/a', at: { line: 8, column: 5 } },
        { path: 'services/b', ignore: ['x'] },
      ],
    ],
  ])('%s', (_name, yaml, expected) => {
    expect(estateFrom(estateYaml(ENVS, yaml)).code).toMatchObject(expected);
  });

  test('absent: no code', () => {
    expect(estateFrom(estateYaml(ENVS)).code).toBeUndefined();
  });

  test.each([
    ['an unknown field', 'code: { path: src, paths: [a] }\n', 7],
    ['an empty list', 'code: []\n', 7],
    ['a tree without a path', 'code:\n  - { exclude: [a] }\n', 8],
    ['an empty path', 'code: ""\n', 7],
  ])('refuses %s, with the line', (_name, yaml, line) => {
    const doc = parseEstateDocument(estateYaml(ENVS, yaml), 'drift.yaml');
    const problems = doc.ok ? (assembleEstate(doc, 'x') as { problems?: { line: number }[] }).problems : doc.problems;
    expect(problems?.length).toBeGreaterThan(0);
    expect(problems![0]!.line).toBe(line);
  });
});
