import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  us:
    sources: [ { file: { from: us.yml } } ]
  eu:
    sources: [ { file: { from: eu.json } } ]
  dev:
    sources: [ { dotenv: { from: dev.env } } ]
parity:
  - { name: all, environments: [us, eu, dev] }
baseline:
  keys:
    retry.policy: { type: json }
`;

describe('a key declared `type: json` compares a file mapping structurally with a JSON text elsewhere', () => {
  it('finds nothing where the three agree, and parity where one differs', async () => {
    const files = {
      'drift.yaml': ESTATE,
      'us.yml': 'retry:\n  policy:\n    max_attempts: 3\n    backoff: [1, 2]\n',
      'eu.json': '{"retry": {"policy": {"backoff": [1, 2], "max_attempts": 3}}}',
      'dev.env': 'RETRY_POLICY={"max_attempts":3,"backoff":[1,2]}\n',
    };
    const agree = await drift(['audit', '--no-store', '--format', 'json'], { cwd: scratch(files) });
    expect(agree.code).toBe(0);
    expect((JSON.parse(agree.stdout) as { findings: unknown[] }).findings).toEqual([]);

    const differ = await drift(['audit', '--no-store', '--format', 'json'], {
      cwd: scratch({ ...files, 'eu.json': '{"retry": {"policy": {"backoff": [1, 2], "max_attempts": 5}}}' }),
    });
    const findings = (JSON.parse(differ.stdout) as { findings: Array<{ kind: string; key: string }> }).findings;
    expect(findings.map((f) => `${f.kind} ${f.key}`)).toEqual(['parity retry.policy']);
  });
});
