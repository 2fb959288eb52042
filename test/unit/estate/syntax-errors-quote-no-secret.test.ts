import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

// Credential-shaped canaries (not the allowlisted AWS documentation key, which no scanner reports).
const AWS_KEY = 'AKIAZ7Q3K5RTXW4MPLN2';
const URL_PASSWORD = 'Canary-1234567';

function problemsOf(baseline: string): string {
  const text = `version: 1\nenvironments:\n  a:\n    sources:\n      - dotenv: { from: a.env }\nbaseline:\n${baseline}`;
  const doc = parseEstateDocument(text, 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem).join('\n');
  const r = assembleEstate(doc, 'folder');
  return r.ok ? '' : r.problems.map(formatProblem).join('\n');
}

describe('a syntax error never quotes a credential written in the estate file', () => {
  test.each([
    ['a rule string left open', `  rules:\n    - { name: r, assert: 'ci.key == "${AWS_KEY}' }\n`, /Unclosed quote/],
    [
      'a URL with a password left open',
      `  rules:\n    - { name: r, assert: 'ci.url == "https://u:${URL_PASSWORD}@h/x' }\n`,
      /Unclosed quote/,
    ],
    [
      'a pattern that does not compile',
      `  keys:\n    ci.key: { pattern: "${AWS_KEY}(" }\n`,
      /pattern is not a valid regular expression: Unterminated group/,
    ],
    // A password written unquoted that YAML reads as syntax: the yaml package's message quotes it.
    ['a password after * (read as an alias)', `  keys:\n    db.password:\n      value: *${URL_PASSWORD}\n`, /Unresolved alias/],
    [
      'a password after > (read as a block scalar header)',
      `  keys:\n    db.password:\n      value: >${URL_PASSWORD}\n`,
      /Block scalar header includes extra characters \(UNEXPECTED_TOKEN\)/,
    ],
    [
      'a password holding a bad escape',
      `  keys:\n    db.password:\n      value: "\\u${URL_PASSWORD}"\n`,
      /Invalid escape sequence \(BAD_DQ_ESCAPE\)/,
    ],
    [
      'a password after ] (the rest read as a stray token)',
      `  keys:\n    db.password:\n      value: ]${URL_PASSWORD}\n`,
      /Unexpected scalar token in YAML stream \(UNEXPECTED_TOKEN\)/,
    ],
    [
      'a password after } (the rest read as a stray token)',
      `  keys:\n    db.password:\n      value: }${URL_PASSWORD}\n`,
      /Unexpected scalar token in YAML stream \(UNEXPECTED_TOKEN\)/,
    ],
  ])('%s', (_, baseline, says) => {
    const problems = problemsOf(baseline);
    expect(problems).toMatch(says);
    expect(problems).not.toContain(AWS_KEY);
    expect(problems).not.toContain(URL_PASSWORD);
    expect(problems).not.toContain(URL_PASSWORD.slice(0, 4));
  });
});

// A rule's type problem prints its expression, and with it a literal it compares: a credential there
// is refused by position alone (secretLiteralProblems), never quoted by a type problem beside it.
describe('a rule whose types do not fit never quotes a credential it compares', () => {
  const keys = `  keys:\n    pool.size: { type: int }\n    ci.url: { type: string }\n`;
  test.each([
    ['an int compared with an access key', `    - { name: r, assert: 'pool.size == "${AWS_KEY}"' }\n`],
    [
      'a comparison of a URL with a password compared with a number',
      `    - { name: r, assert: 'ci.url == "https://u:${URL_PASSWORD}@h/x" == 1' }\n`,
    ],
  ])('%s', (_, rule) => {
    const problems = problemsOf(`${keys}  rules:\n${rule}`);
    expect(problems).toMatch(/rules\[0\] r: a literal holds a credential in plain text/);
    expect(problems).not.toContain(AWS_KEY);
    expect(problems).not.toContain(URL_PASSWORD);
    expect(problems).not.toContain(URL_PASSWORD.slice(0, 4));
  });
});
