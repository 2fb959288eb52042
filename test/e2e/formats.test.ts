import { drift, scratch } from '../helpers/cli';

const FILES = {
  'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
      - ssm: { path: /prod/shop/, from: prod-ssm.json }
parity:
  - { name: stage-vs-prod, environments: [staging, production] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
`,
  'staging.env': 'DB_TIMEOUT=10s\nBANNER=a|b\n',
  'production.env': 'BANNER=x|y *bold* <b>\nDB_TIMEOUT=60s\n',
  'prod-ssm.json': JSON.stringify({ Parameters: [{ Name: '/prod/shop/db_timeout', Type: 'String', Value: '45s', Version: 3 }] }),
};

describe('audit formats for machines and pull requests', () => {
  test('SARIF 2.1.0: a rule per finding kind, a result per finding, file lines where the source has them', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit', '--format', 'sarif'], { cwd: dir });
    const json = await drift(['audit', '--format', 'json'], { cwd: dir });
    const sarif = JSON.parse(r.stdout);
    const findings = JSON.parse(json.stdout).findings as Array<{ id: string; kind: string }>;
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('shadowed');
    expect(run.results.map((x: { partialFingerprints: { driftFindingId: string } }) => x.partialFingerprints.driftFindingId)).toEqual(findings.map((f) => f.id));
    const parity = run.results.find((x: { ruleId: string }) => x.ruleId === 'parity');
    expect(parity.level).toBe('warning');
    const shadowed = run.results.find((x: { ruleId: string }) => x.ruleId === 'shadowed');
    expect(shadowed.locations[0].logicalLocations[0].fullyQualifiedName).toBe('shop/production/db.timeout');
    const mismatch = run.results.find((x: { ruleId: string }) => x.ruleId === 'mismatch');
    expect(mismatch.level).toBe('error');
    expect(mismatch.locations[0].physicalLocation.artifactLocation.uri).toBe('drift.yaml');
    expect(r.code).toBe(1);
  });

  test('Markdown: a table per environment, cells escaped so values cannot break the table or inject markup', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit', '--format', 'markdown'], { cwd: dir });
    expect(r.stdout).toContain('## drift audit: shop');
    expect(r.stdout).toContain('### production');
    expect(r.stdout).toContain('### stage-vs-prod (parity group)');
    expect(r.stdout).toContain('x\\|y \\*bold\\* \\<b\\>');
    for (const row of r.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| severity'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    }
  });
});
