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
