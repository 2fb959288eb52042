import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  a:
    sources: [ { dotenv: { from: a.env } } ]
baseline:
  keys:
    greeting: { value: "hi\\e[31m\\tthere\\nline2" }
    motto: { value: "tab\\tand\\nline" }
`;

describe('an expected value with control characters is shown escaped, as running values are', () => {
  it('writes expected and actual in JSON with the same escaping, never the raw characters', async () => {
    const out = await drift(['audit', '--no-store', '--format', 'json'], {
      cwd: scratch({ 'drift.yaml': ESTATE, 'a.env': 'GREETING=hello\nMOTTO="tab\\tand\\nline2"\n' }),
    });
    const findings = (JSON.parse(out.stdout) as { findings: Array<{ key: string; expected: string; actual: string }> }).findings;
    expect(findings.map((f) => [f.key, f.expected, f.actual])).toEqual([
      ['greeting', 'hi\\u001b[31m\\tthere\\nline2', 'hello'],
      ['motto', 'tab\\tand\\nline', 'tab\\tand\\nline2'],
    ]);
  });
});
