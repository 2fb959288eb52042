import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// production sets API_TIMEOUT in a dotenv file and, above it, in SSM. The night the SSM export could
// not be read, the audit judged the dotenv's 120s with "(… could not be read, and may set it
// otherwise)", but `drift adopt production api.timeout` wrote 120s into the baseline and `drift revert`
// planned an edit of the dotenv file: values of a layer the unread one overrides, not what runs.
const FILES = {
  'drift.yaml': `version: 1
name: shop
environments:
  production:
    sources:
      - dotenv: { from: prod.env }
      - ssm: { path: /prod/api/, from: prod-ssm.json }
baseline:
  keys:
    api.timeout: { type: duration, value: 30s }
    db.timeout: { type: duration, value: 10s }
`,
  'prod.env': 'API_TIMEOUT=120s\n',
  'prod-ssm.json': '{ "Parameters": [ { "Name": "/prod/api/api_timeout", "Type": "String", "Value": "30s", "Version": 2 },',
};

describe('drift adopt and revert where a source of higher precedence failed', () => {
  it('adopt refuses the value of the layer below it, naming the failed source, and writes nothing', async () => {
    const dir = scratch(FILES);
    const before = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    const run = await drift(['adopt', 'production', 'API_TIMEOUT', '--no-store'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'adopt: api.timeout: ssm /prod/api/ (recorded prod-ssm.json) could not be read in production, and may set it over dotenv prod.env:1 (120s): what production runs is not known; adopt it once that source reads',
    );
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(before);
  });

  it('adopt of a key no readable source sets names the failed source', async () => {
    const run = await drift(['adopt', 'production', 'db.timeout', '--no-store'], { cwd: scratch(FILES) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'adopt: db.timeout: not set in production by the sources that could be read (ssm /prod/api/ (recorded prod-ssm.json) could not)',
    );
  });

  it('revert plans no edit of the overridden layer, and says why', async () => {
    const run = await drift(['revert', 'production', 'api.timeout', '--no-store'], { cwd: scratch(FILES) });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('# edit');
    expect(run.stdout).toContain('# api.timeout: not revertible by drift');
    expect(run.stdout).toContain(
      '#   ssm /prod/api/ (recorded prod-ssm.json) could not be read, and may set it over dotenv prod.env:1 (120s): what production runs is not known; plan it again once that source reads',
    );
  });

  it('once the source reads again, revert changes the layer that wins', async () => {
    const dir = scratch({
      ...FILES,
      'prod-ssm.json': '{ "Parameters": [ { "Name": "/prod/api/api_timeout", "Type": "String", "Value": "90s", "Version": 2 } ] }',
    });
    const run = await drift(['revert', 'production', 'api.timeout', '--no-store'], { cwd: dir });
    expect(run.stdout).toContain('aws ssm put-parameter --name /prod/api/api_timeout --value 30s --overwrite');
  });
});
