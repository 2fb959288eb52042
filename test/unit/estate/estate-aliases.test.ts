import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const HEAD = 'version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\nbaseline:\n  keys:\n';

function problemsOf(text: string): string[] {
  const doc = parseEstateDocument(text, 'drift.yaml');
  return doc.ok ? [] : doc.problems.map(formatProblem);
}

describe('aliases in the estate file', () => {
  test('a thousand keys may share one anchor', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `    k${i}: *duration\n`).join('');
    const doc = parseEstateDocument(`${HEAD}    k: &duration { type: duration }\n${keys}`, 'drift.yaml');
    if (!doc.ok) throw new Error(doc.problems.map(formatProblem).join('\n'));
    const r = assembleEstate(doc, 'folder');
    expect(r.ok && r.estate.baseline.keys.get('k999')?.type).toBe('duration');
  });

  test('a billion laughs is refused where an alias expands too far', () => {
    const levels = Array.from({ length: 9 }, (_, i) =>
      i === 0
        ? '    l0: &a0 { description: lol }\n'
        : `    l${i}: &a${i} { description: [${Array(9)
            .fill(`*a${i - 1}`)
            .join(', ')}] }\n`,
    ).join('');
    const problems = problemsOf(HEAD + levels);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^drift\.yaml:1[2-9]:\d+: cannot read the document: Excessive alias count/);
  });

  test('an alias with no anchor before it is pointed at', () => {
    expect(problemsOf(`${HEAD}    db.timeout: *duration\n    k: &duration { type: duration }\n`)).toEqual([
      'drift.yaml:8:17: cannot read the document: Unresolved alias (the anchor must be set before the alias)',
    ]);
  });
});
