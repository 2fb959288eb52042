import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { parseBaselineDocument, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

// The yaml package's own uniqueKeys check compares each key with every key before it in its mapping: an estate file of
// 20,000 baseline keys (a generated one, or a mistake) took minutes to read. drift finds keys written twice itself, in
// one pass, and says which key it is and where it was written first.
const problems = (text: string): string[] => {
  const doc = parseEstateDocument(text, 'drift.yaml');
  return doc.ok ? [] : doc.problems.map(formatProblem);
};

const ESTATE = 'version: 1\nname: shop\nenvironments:\n  dev:\n    sources: [{ dotenv: { from: a.env } }]\n';

describe('an estate file that writes a key twice', () => {
  test('names the key by its path and the line it was first written on, at the repeat', () => {
    expect(problems(`${ESTATE}  dev:\n    sources: [{ dotenv: { from: b.env } }]\n`)).toEqual([
      'drift.yaml:6:3: environments.dev is written twice (first on line 4); a key is written once',
    ]);
  });

  test('in a flow mapping and three times, with every line, and never a value', () => {
    const text = `${ESTATE}baseline:\n  keys:\n    db.password: { secret: true, value: hunter2, value: hunter3 }\n    a: 1\n    a: 2\n    a: 3\n`;
    const said = problems(text);
    expect(said).toEqual([
      'drift.yaml:8:50: baseline.keys.db.password.value is written twice (first on line 8); a key is written once',
      'drift.yaml:11:5: baseline.keys.a is written 3 times (first on line 9, again on 10); a key is written once',
    ]);
    expect(said.join('\n')).not.toContain('hunter');
  });

  test('a baseline file says the same', () => {
    const doc = parseBaselineDocument('keys:\n  port: { type: int }\n  port: { type: int }\n', 'baseline.yaml');
    expect(doc.ok ? [] : doc.problems.map(formatProblem)).toEqual([
      'baseline.yaml:3:3: keys.port is written twice (first on line 2); a key is written once',
    ]);
  });

  test('a merge key, or the same key in two mappings, is no repeat', () => {
    const text = `${ESTATE}baseline:\n  keys:\n    a: &t { type: int }\n    b:\n      <<: *t\n      type: int\n`;
    expect(problems(text)).toEqual([]);
  });
});
