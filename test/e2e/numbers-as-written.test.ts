import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  env-file:
    sources: [ { dotenv: { from: prod.env } } ]
  config-file:
    sources: [ { file: { from: prod.yml } } ]
baseline:
  keys:
    app.version: { value: 1.10 }
    ratio: { value: 0.50 }
    build: { value: 007 }
    api.version: 2.0
    release: { value: "3.10" }
`;

type Finding = { kind: string; key: string; environment: string; expected: string };

async function findings(files: Record<string, string>): Promise<string[]> {
  const out = await drift(['audit', '--no-store', '--format', 'json'], { cwd: scratch({ 'drift.yaml': ESTATE, ...files }) });
  return (JSON.parse(out.stdout) as { findings: Finding[] }).findings.map((f) => `${f.kind} ${f.environment} ${f.key} ${f.expected}`);
}

describe('an expected value written as an unquoted number is that number, shown as written; quoted, it is text', () => {
  it('finds nothing where an env file holds the text as written and a config file the same number', async () => {
    expect(
      await findings({
        'prod.env': 'APP_VERSION=1.10\nRATIO=0.50\nBUILD=007\nAPI_VERSION=2.0\nRELEASE=3.10\n',
        'prod.yml': 'app:\n  version: 1.10\nratio: 0.5\nbuild: 7\napi:\n  version: 2.0\nrelease: "3.10"\n',
      }),
    ).toEqual([]);
  });

  it('a quoted version is text: 3.1 is not 3.10; a number that differs is a mismatch shown as the baseline writes it', async () => {
    expect(
      await findings({
        'prod.env': 'APP_VERSION=1.2\nRATIO=0.50\nBUILD=007\nAPI_VERSION=2.0\nRELEASE=3.1\n',
        'prod.yml': 'app:\n  version: 1.10\nratio: 0.5\nbuild: 7\napi:\n  version: 2.0\nrelease: 3.10\n',
      }),
    ).toEqual(['mismatch env-file app.version 1.10', 'mismatch env-file release 3.10', 'mismatch config-file release 3.10']);
  });
});
