import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const HEAD = `version: 1
environments:
  prod:
    sources:
      - file: { from: prod.yml }
baseline:
  keys:
`;

function problems(keys: string): string[] {
  const doc = parseEstateDocument(HEAD + keys, 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem);
  const r = assembleEstate(doc, 'folder');
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('min and max that admit no value', () => {
  test.each([
    ['int', '    pool: { type: int, min: 5, max: 1 }\n', 'max 1 is below min 5'],
    ['duration, compared as durations', '    t: { type: duration, min: 2m, max: 90s }\n', 'max 90s is below min 2m'],
    ['bytes, compared as sizes', '    mem: { type: bytes, min: 1Gi, max: 512Mi }\n', 'max 512Mi is below min 1Gi'],
  ])('are refused, pointed at max: %s', (_name, keys, message) => {
    const line = HEAD.split('\n').length;
    const column = keys.indexOf('max: ') + 'max: '.length + 1;
    expect(problems(keys)).toEqual([`drift.yaml:${line}:${column}: ${message}: no value could pass`]);
  });

  test.each([
    ['equal bounds', '    pool: { type: int, min: 5, max: 5 }\n'],
    ['bounds in different units', '    t: { type: duration, min: 90s, max: 2m }\n'],
    ['only one bound', '    pool: { type: int, min: 5 }\n'],
  ])('are accepted when a value can pass: %s', (_name, keys) => {
    expect(problems(keys)).toEqual([]);
  });
});
