import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const ESC = '\u001b';

function problemLines(text: string): string[] {
  const doc = parseEstateDocument(text, 'drift.yaml');
  if (doc.ok) throw new Error('expected the estate file to be refused');
  return doc.problems.map(formatProblem);
}

describe('estate-file problems quote the file without its control characters', () => {
  test('an unknown field named with a terminal escape is shown escaped, on one line', () => {
    const lines = problemLines(
      `version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n    "${ESC}[2J${ESC}]0;owned\u0007x\\nz": 1\n`,
    );
    expect(lines).toEqual(['drift.yaml:6:5: environments.a: unknown field "\\u001b[2J\\u001b]0;owned\\u0007x\\nz"']);
  });

  test('a file name with a control character is escaped too', () => {
    const doc = parseEstateDocument('version: 2\n', `bad${ESC}name.yaml`);
    if (doc.ok) throw new Error('expected the estate file to be refused');
    expect(formatProblem(doc.problems[0]!)).toMatch(/^bad\\u001bname\.yaml:1:1: /);
  });
});
