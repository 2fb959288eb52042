import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const ESTATE = (exception: string) => `version: 1
environments:
  us: { sources: [ { dotenv: { from: us.env } } ] }
  eu: { sources: [ { dotenv: { from: eu.env } } ] }
  ap: { sources: [ { dotenv: { from: ap.env } } ] }
parity:
  - { name: prod, environments: [us, eu, ap] }
baseline:
  keys:
    pool: { type: int }
  exceptions:
    - ${exception}
`;

function problems(exception: string): string[] {
  const doc = parseEstateDocument(ESTATE(exception), 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem);
  const r = assembleEstate(doc, 'shop');
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('an exception names an environment or a parity group', () => {
  // With both, the group's parity finding was excused through any member while the member findings
  // were held to the environment: neither what `environment: us` nor what `group: prod` says.
  test('not both: a positioned error', () => {
    expect(problems('{ environment: us, group: prod, key: pool, reason: r, expires: 2026-12-31 }')).toEqual([
      'drift.yaml:12:33: an exception names an `environment` (or glob) or a parity `group`, not both',
    ]);
  });

  test.each([
    '{ environment: us, key: pool, reason: r, expires: 2026-12-31 }',
    '{ group: prod, key: pool, reason: r, expires: 2026-12-31 }',
    '{ environment: prod, key: pool, reason: r, expires: 2026-12-31 }',
  ])('one of them: %s', (exception) => {
    expect(problems(exception)).toEqual([]);
  });
});
