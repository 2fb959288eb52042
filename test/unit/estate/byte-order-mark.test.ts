import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const BOM = '\uFEFF';
const ESTATE = 'version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\n';

describe('an estate file saved with a byte-order mark', () => {
  test('reads as without one', () => {
    const doc = parseEstateDocument(BOM + ESTATE, 'drift.yaml');
    expect(doc.ok && Object.keys(doc.raw.environments)).toEqual(['a']);
  });

  test('a problem on its first line is at the column an editor shows', () => {
    const doc = parseEstateDocument(`${BOM}version: 2\n${ESTATE.slice('version: 1\n'.length)}`, 'drift.yaml');
    expect(doc.ok ? [] : doc.problems.map(formatProblem)).toEqual(['drift.yaml:1:10: version: expected 1']);
  });
});
