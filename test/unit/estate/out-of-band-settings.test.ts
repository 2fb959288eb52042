import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const ESTATE = (extra: string) => `version: 1\nenvironments:\n  a:\n    sources:\n      - file: { from: a.yml }\n${extra}`;

function parse(extra: string) {
  const doc = parseEstateDocument(ESTATE(extra), 'drift.yaml');
  if (!doc.ok) return { problems: doc.problems.map((p) => p.message) };
  const r = assembleEstate(doc, 'shop');
  return r.ok ? { estate: r.estate } : { problems: r.problems.map((p) => p.message) };
}

describe('deployers and notify.slack.immediate in drift.yaml', () => {
  test('deployers are kept as written; absent, the estate has none', () => {
    expect(parse('deployers:\n  - arn:aws:iam::1:role/deploy\n').estate?.deployers).toEqual(['arn:aws:iam::1:role/deploy']);
    expect(parse('').estate?.deployers).toBeUndefined();
  });

  test('an empty deployers list is refused: leave it out instead', () => {
    expect(parse('deployers: []\n').problems?.join('\n')).toContain('list the CI/CD roles, or leave deployers out');
  });

  test.each([
    ['false', false],
    ['true', true],
    ['{ minSeverity: critical }', { minSeverity: 'critical', outOfBandOnly: true }],
    ['{ outOfBandOnly: false }', { minSeverity: 'high', outOfBandOnly: false }],
  ])('immediate: %s', (written, expected) => {
    expect(parse(`notify:\n  slack:\n    immediate: ${written}\n`).estate?.notify.slack.immediate).toEqual(expected);
  });

  test('an unknown immediate field is refused', () => {
    expect(parse('notify:\n  slack:\n    immediate: { severity: high }\n').problems).toBeDefined();
  });
});
