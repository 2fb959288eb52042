import { drift, scratch } from '../helpers/cli';

const estate = (sources: string) =>
  scratch({
    'drift.yaml': `version: 1
name: shop
environments:
  production:
    sources:
${sources}
baseline:
  undeclared: ignore
  keys:
    log.level: { value: info }
`,
    'prod.env': 'LOG_LEVEL=debug\n',
    'broken-ssm.json': '{ "Parameters": [ ',
  });

const findings = async (dir: string) => {
  const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
  return (JSON.parse(run.stdout) as { findings: Array<{ kind: string; key?: string; message: string }> }).findings;
};

describe('a finding on a value a failed source may override', () => {
  test('says the source above it could not be read', async () => {
    const dir = estate('      - dotenv: { from: prod.env }\n      - ssm: { path: /production/, from: broken-ssm.json }');
    const all = await findings(dir);
    expect(all.map((f) => f.kind).sort()).toEqual(['mismatch', 'source-error']);
    const mismatch = all.find((f) => f.kind === 'mismatch');
    expect(mismatch?.message).toMatch(/\(ssm \/production\/ .*could not be read, and may set it otherwise\)$/);
  });

  test('says nothing of a failed source below it, which it overrides anyway', async () => {
    const dir = estate('      - ssm: { path: /production/, from: broken-ssm.json }\n      - dotenv: { from: prod.env }');
    const mismatch = (await findings(dir)).find((f) => f.kind === 'mismatch');
    expect(mismatch?.message).toBeDefined();
    expect(mismatch?.message).not.toContain('could not be read');
  });
});
