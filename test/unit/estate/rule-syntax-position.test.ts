import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

/** The problems of an estate whose one rule asserts `assert`, written as the YAML scalar given. */
function problemsOf(assertScalar: string): string[] {
  const text = `version: 1
environments:
  a:
    sources:
      - dotenv: { from: a.env }
baseline:
  rules:
    - name: r
      assert: ${assertScalar}
`;
  const doc = parseEstateDocument(text, 'drift.yaml');
  if (!doc.ok) throw new Error(doc.problems.map(formatProblem).join('\n'));
  const r = assembleEstate(doc, 'folder');
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('a rule that does not parse is pointed at where it stops', () => {
  // `assert: ` ends at column 15; the expression starts there, or one later inside quotes.
  test.each([
    ['a +* b > 1s', 'drift.yaml:9:18: rule "r": Expected expression after +'],
    ['"a +* b > 1s"', 'drift.yaml:9:19: rule "r": Expected expression after +'],
    ['a > 5xyz', 'drift.yaml:9:19: rule "r": unknown unit in "5xyz"'],
    ['a.b > 1 )', 'drift.yaml:9:23: rule "r": Unexpected ")"'],
  ])('%s', (scalar, expected) => {
    const [first] = problemsOf(scalar);
    expect(first?.slice(0, expected.length)).toBe(expected);
  });

  test('a folded expression is pointed at its start, never at a wrong column', () => {
    expect(problemsOf('>\n        a +\n        * b > 1s')[0]).toMatch(/^drift\.yaml:9:15: rule "r": /);
  });
});
