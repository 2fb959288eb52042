import { drift, scratch } from '../helpers/cli';

// An SSM String whose name says secret (`api_token`) is held as a fingerprint, as a SecureString is:
// `drift revert` told SSM `--type SecureString --key-id "$(… KeyId)"` for it — a String has no KeyId
// (`None`), so the command failed, or would have made the String a SecureString.
const parameter = (name: string, type: string, value: string) => ({
  Name: name,
  Type: type,
  Value: value,
  Version: 2,
  LastModifiedDate: '2026-11-09T03:41:22.657Z',
});
const exportOf = (env: string, token: string, password: string) =>
  JSON.stringify({
    Parameters: [parameter(`/${env}/pay/api_token`, 'String', token), parameter(`/${env}/pay/db_password`, 'SecureString', password)],
  });

const estate = (): string =>
  scratch({
    'drift.yaml': [
      'version: 1',
      'name: pay',
      'environments:',
      '  staging: { sources: [ { ssm: { path: /staging/pay/, from: staging.json } } ] }',
      '  prod: { sources: [ { ssm: { path: /prod/pay/, from: prod.json } } ] }',
      'baseline:',
      '  keys: {}',
      '',
    ].join('\n'),
    'staging.json': exportOf('staging', 'stagingtoken123', 'stagingpass456'),
    'prod.json': exportOf('prod', 'prodtoken789', 'prodpass012'),
  });

const EXPECTED = [
  'aws ssm put-parameter --name /prod/pay/api_token --value file://revert-prod-api.token.value --overwrite',
  `aws ssm put-parameter --name /prod/pay/db_password --value file://revert-prod-db.password.value --type SecureString --overwrite --key-id "$(aws ssm describe-parameters --parameter-filters Key=Name,Values=/prod/pay/db_password --query 'Parameters[0].KeyId' --output text)"`,
];

async function revertCommands(dir: string, config: string): Promise<string[]> {
  const r = await drift(['revert', 'prod', 'api.token', 'db.password', '-c', config], { cwd: dir });
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain('if the parameter is a String');
  for (const value of ['stagingtoken123', 'stagingpass456', 'prodtoken789', 'prodpass012'])
    expect(r.stdout + r.stderr).not.toContain(value);
  return r.stdout.split('\n').filter((l) => l.startsWith('aws '));
}

describe('drift revert of SSM parameters holding secrets', () => {
  it('puts each back with its own type: a String stays a String, a SecureString keeps its KMS key; no value printed', async () => {
    const dir = estate();
    expect((await drift(['adopt', 'staging', 'api.token', 'db.password', '--everywhere'], { cwd: dir })).code).toBe(0);
    expect(await revertCommands(dir, 'drift.yaml')).toEqual(EXPECTED);
  });

  it("does so from what drift snapshot --record wrote, which keeps each parameter's type", async () => {
    const dir = estate();
    expect((await drift(['adopt', 'staging', 'api.token', 'db.password', '--everywhere'], { cwd: dir })).code).toBe(0);
    expect((await drift(['snapshot', '--record', 'recording'], { cwd: dir })).code).toBe(0);
    expect(await revertCommands(dir, 'recording/drift.yaml')).toEqual(EXPECTED);
  });
});
