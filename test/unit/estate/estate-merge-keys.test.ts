import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const SHARED = `version: 1
x-common: &common
  region: us-east-1
  sources:
    - dotenv: { from: common.env }
environments:
  staging:
    <<: *common
  prod:
    <<: *common
    region: eu-west-1
`;

describe('merge keys and x- fields in the estate file', () => {
  test('environments merge a shared x- anchor and override its fields', () => {
    const doc = parseEstateDocument(SHARED, 'drift.yaml');
    if (!doc.ok) throw new Error(doc.problems.map(formatProblem).join('\n'));
    const r = assembleEstate(doc, 'folder');
    if (!r.ok) throw new Error('the estate did not assemble');
    expect(r.estate.environments.map((e) => [e.name, e.region, e.sources.length])).toEqual([
      ['staging', 'us-east-1', 1],
      ['prod', 'eu-west-1', 1],
    ]);
  });

  test('a problem inside the merged anchor is pointed at where it is written, once per environment that merges it', () => {
    const doc = parseEstateDocument(SHARED.replace('{ from: common.env }', '{ from: common.env, bogus: 1 }'), 'drift.yaml');
    expect(doc.ok ? [] : doc.problems.map(formatProblem)).toEqual([
      'drift.yaml:5:35: environments.staging.sources[0].dotenv: unknown field "bogus"',
      'drift.yaml:5:35: environments.prod.sources[0].dotenv: unknown field "bogus"',
    ]);
  });

  test('a top-level field not starting with x- is still unknown', () => {
    const doc = parseEstateDocument(SHARED.replace('x-common:', 'common:'), 'drift.yaml');
    expect(doc.ok ? [] : doc.problems.map(formatProblem)).toEqual(['drift.yaml:2:1: unknown field "common"']);
  });
});
