import { drift, scratch } from '../helpers/cli';

// A value drift cannot read is a secret elsewhere only when it is one: a SecureString recorded
// without its value is; a dotenv line that takes its variable from the shell (`LOG_LEVEL` alone) or
// a String parameter exported without its value (describe-parameters) is not, and must not turn the
// same key's plain values in the other environments into fingerprints that hide the drift.
const ESTATE = `version: 1
name: shop
environments:
  dev:
    sources:
      - dotenv: { from: dev.env }
      - ssm: { path: /dev/shop/, from: dev-ssm.json }
  prod:
    sources:
      - dotenv: { from: prod.env }
baseline:
  undeclared: info
  keys:
    log.level: { enum: [DEBUG, INFO, WARN], value: INFO }
`;
const DEV_SSM = JSON.stringify({
  Parameters: [
    { Name: '/dev/shop/region', Type: 'String', Version: 3 },
    { Name: '/dev/shop/pin', Type: 'SecureString', Version: 1 },
  ],
});

describe('a value drift cannot read', () => {
  test('that is no secret leaves the key plain elsewhere; one that is a secret does not', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'dev.env': 'LOG_LEVEL\n',
      'dev-ssm.json': DEV_SSM,
      'prod.env': 'LOG_LEVEL=DEBUG\nREGION=eu-west-1\nPIN=CANARYpin42\n',
    });
    const r = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; environment?: string; key?: string; actual?: string }> };
    const actual = (kind: string, key: string) =>
      doc.findings.find((f) => f.kind === kind && f.environment === 'prod' && f.key === key)?.actual;
    expect(actual('mismatch', 'log.level')).toBe('DEBUG');
    expect(actual('undeclared', 'region')).toBe('eu-west-1');
    expect(actual('undeclared', 'pin')).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(r.stdout).not.toContain('CANARYpin42');
    const diff = await drift(['diff', 'dev', 'prod', '--no-store'], { cwd: dir });
    expect(diff.stdout).toMatch(/log\.level .*DEBUG/);
    expect(diff.stdout).not.toContain('CANARYpin42');
  });
});
