import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const problems = (text: string): string[] => {
  const doc = parseEstateDocument(text, 'drift.yaml');
  return doc.ok ? [] : doc.problems.map(formatProblem);
};

describe('estate problems say what is wrong, not what the schema tried', () => {
  test('a field that may be one of several shapes, left out, is missing', () => {
    expect(problems('version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { frm: a.env }\n')).toEqual([
      'drift.yaml:5:17: environments.a.sources[0].dotenv: missing field "from"',
      'drift.yaml:5:19: environments.a.sources[0].dotenv: unknown field "frm" (did you mean "from"?)',
    ]);
  });

  test('a value several lists allow is offered from all of them, with a suggestion', () => {
    expect(
      problems('version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\nbaseline:\n  undeclared: ignor\n'),
    ).toEqual(['drift.yaml:7:15: baseline.undeclared: expected one of critical, high, medium, low, info, ignore (did you mean "ignore"?)']);
  });
});

describe('a value of the wrong kind is named in the words of the file', () => {
  const HEAD = 'version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n';

  test('a quoted version says to drop the quotes, not "did you mean" the same text', () => {
    expect(problems('version: "1"\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n')).toEqual([
      'drift.yaml:1:10: version: expected 1, written without quotes',
    ]);
  });

  test('a file with no version says the field is missing, not that it expected 1', () => {
    expect(problems('environments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n')).toEqual([
      'drift.yaml:1:1: missing field "version" (write version: 1)',
    ]);
  });

  test.each([
    ['a list', '[1, 2]', 'not a list'],
    ['null', 'null', 'not null'],
    ['a mapping', '{ a: 1 }', 'not a mapping'],
  ])('an expected value that is %s says which kinds a value may be', (_what, written, received) => {
    expect(problems(`${HEAD}baseline:\n  keys:\n    x: { value: ${written} }\n`)).toEqual([
      `drift.yaml:8:17: baseline.keys.x.value: expected string, number or boolean, ${received}`,
    ]);
  });

  test.each([['1e401'], ['-1e999'], ['.inf'], ['.nan']])(
    'a number YAML would read as infinite or NaN (%s) is the text as written',
    (written) => {
      expect(problems(`${HEAD}baseline:\n  keys:\n    x: { value: ${written} }\n`)).toEqual([]);
    },
  );

  test('an empty text or list says so, not what zod measured', () => {
    expect(problems('version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: "" }\n')).toEqual([
      'drift.yaml:5:25: environments.a.sources[0].dotenv.from: must not be empty',
    ]);
    expect(
      problems(`${HEAD}  b:\n    sources:\n      - dotenv: { from: a.env }\nparity:\n  - { name: g, environments: [a, b], keys: [] }\n`),
    ).toEqual(['drift.yaml:10:44: parity[0].keys: must list at least one item']);
  });

  test("a schema's own message for an empty list is kept", () => {
    expect(problems('version: 1\nenvironments:\n  a:\n    sources: []\n')).toEqual([
      'drift.yaml:4:14: environments.a.sources: an environment needs at least one source',
    ]);
  });
});

describe('a name the schema refuses', () => {
  test('an environment name is pointed at where it is written, with what a name may hold', () => {
    expect(problems('version: 1\nenvironments:\n  "prod env!":\n    sources:\n      - dotenv: { from: a.env }\n')).toEqual([
      'drift.yaml:3:3: environments: "prod env!" is not a name: use letters, digits, ".", "_" and "-"',
    ]);
  });
});
