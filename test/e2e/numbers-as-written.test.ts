import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  prod:
    sources: [ { dotenv: { from: prod.env } } ]
baseline:
  keys:
    app.version: { value: 1.10 }
    mask: { value: 0x1F }
    build: { value: 007 }
    api.version: 2.0
`;

describe('an expected value written as an unquoted number is the text as written', () => {
  it('finds nothing where the environment runs that text, and a mismatch where it runs another spelling', async () => {
    const same = await drift(['audit', '--no-store', '--format', 'json'], {
      cwd: scratch({ 'drift.yaml': ESTATE, 'prod.env': 'APP_VERSION=1.10\nMASK=0x1F\nBUILD=007\nAPI_VERSION=2.0\n' }),
    });
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as { findings: unknown[] }).findings).toEqual([]);

    const other = await drift(['audit', '--no-store', '--format', 'json'], {
      cwd: scratch({ 'drift.yaml': ESTATE, 'prod.env': 'APP_VERSION=1.1\nMASK=0x1F\nBUILD=007\nAPI_VERSION=2.0\n' }),
    });
    const findings = (JSON.parse(other.stdout) as { findings: Array<{ kind: string; key: string; expected: string }> }).findings;
    expect(findings.map((f) => `${f.kind} ${f.key} ${f.expected}`)).toEqual(['mismatch app.version 1.10']);
  });
});
