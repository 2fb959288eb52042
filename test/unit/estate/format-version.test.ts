import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';
import { readYaml, readYamlWithPositions } from '../../../lambdas/core/estate/read-yaml';

const REST = 'environments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n';

describe.each([
  ['the fast reader', readYaml],
  ['the yaml package', readYamlWithPositions],
])('version, as YAML reads it (%s)', (_reader, read) => {
  const problems = (version: string): string[] => {
    const doc = parseEstateDocument(`version: ${version}\n${REST}`, 'drift.yaml', read);
    return doc.ok ? [] : doc.problems.map(formatProblem);
  };

  // The JSON Schema an editor checks the file with says `const: 1`, which 1.0 meets: so does drift.
  test.each(['1', '1.0', '1.00', '01', '1e0', '0x1', '!!int 1'])('a bare %s is the number 1: version 1', (written) => {
    expect(problems(written)).toEqual([]);
  });

  test.each([
    ['"1"', 'drift.yaml:1:10: version: expected 1, written without quotes'],
    ["'1.0'", 'drift.yaml:1:10: version: expected 1'],
    ['1.5', 'drift.yaml:1:10: version: expected 1'],
    ['2', 'drift.yaml:1:10: version: expected 1'],
    ['v1', 'drift.yaml:1:10: version: expected 1 (did you mean "1"?)'],
  ])('%s is not: a positioned error', (written, message) => {
    expect(problems(written)).toEqual([message]);
  });
});
