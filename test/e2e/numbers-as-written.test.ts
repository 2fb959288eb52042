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

describe('an integer past 2^53 is compared as written, not as the double nearest it', () => {
  // 1234567890123456789 and …788 are one double: a Slack channel, a Discord snowflake or a Twitter id
  // read by a Java long or a Go int64 are two values, and the readers already keep their text exactly.
  it('differs from the baseline and across a parity group, declared int or undeclared', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: ids',
        'environments:',
        '  a: { sources: [ { file: { from: a.json } } ] }',
        '  b: { sources: [ { file: { from: b.yml } } ] }',
        'parity:',
        '  - { name: g, environments: [a, b] }',
        'baseline:',
        '  keys:',
        '    owner.id: { type: int, value: "1234567890123456789" }',
        '    same.id: { type: int, value: "+01234567890123456789" }',
      ].join('\n'),
      'a.json': '{"channel_id": 1234567890123456789, "owner": {"id": 1234567890123456788}, "same": {"id": 1234567890123456789}}',
      'b.yml': 'channel_id: 1234567890123456788\nowner:\n  id: 1234567890123456789\nsame:\n  id: "1234567890123456789"\n',
    });
    const out = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(out.stdout) as { findings: Array<{ kind: string; key: string; environment?: string }> };
    expect(doc.findings.filter((f) => f.kind !== 'undeclared').map((f) => `${f.kind} ${f.environment ?? ''} ${f.key}`)).toEqual([
      'mismatch a owner.id',
      'parity  channel.id',
    ]);
  });
});
