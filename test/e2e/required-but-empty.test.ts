import { drift, scratch } from '../helpers/cli';

interface Found {
  kind: string;
  severity: string;
  environment?: string;
  key?: string;
  actual?: string;
  message: string;
  source?: { location: string };
}

// The inventory story: v2.3.0 falls back to the legacy check when INVENTORY_SERVICE_URL is unset, and
// `if not inventory_url:` takes an empty value for unset. A release template that renders it empty
// is the same silent fallback as one that forgets it.
const estate = (key: string): string =>
  [
    'version: 1',
    'name: orders',
    'environments:',
    '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
    '  prod-dotenv: { sources: [ { dotenv: { from: prod.env } } ] }',
    '  prod-k8s: { sources: [ { k8s: { from: deployment.yaml, workload: orders } } ] }',
    '  prod-json: { sources: [ { file: { from: prod.json } } ] }',
    'baseline:',
    '  undeclared: ignore',
    '  keys:',
    `    ${key}`,
    '',
  ].join('\n');

const files = {
  'staging.env': 'INVENTORY_SERVICE_URL=https://inventory.staging.internal/v1\n',
  'prod.env': 'INVENTORY_SERVICE_URL=\n',
  'deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: orders }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          env:',
    '            - name: INVENTORY_SERVICE_URL',
    '            - { name: REGION, value: eu }',
    '',
  ].join('\n'),
  'prod.json': '{ "inventoryServiceUrl": null }\n',
};

async function audit(key: string): Promise<{ code: number; findings: Found[] }> {
  const dir = scratch({ 'drift.yaml': estate(key), ...files });
  const r = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
  expect(r.stderr).toBe('');
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Found[] }).findings };
}

describe('a required key set to an empty value', () => {
  it('is missing where it is empty, whatever the source spells it as, and not where it is set', async () => {
    const { code, findings } = await audit('inventory.service.url: { required: true, per-environment: true, owner: team-inventory }');
    const missing = findings.filter((f) => f.kind === 'missing');
    expect(missing.map((f) => f.environment)).toEqual(['prod-dotenv', 'prod-k8s', 'prod-json']);
    for (const f of missing) {
      expect(f).toMatchObject({ severity: 'high', key: 'inventory.service.url', actual: '' });
      expect(f.message).toBe(`inventory.service.url is required but set to "" in ${f.environment}`);
    }
    expect(missing.map((f) => f.source?.location)).toEqual([
      'prod.env:1',
      expect.stringContaining('INVENTORY_SERVICE_URL'),
      'prod.json#inventoryServiceUrl',
    ]);
    expect(code).toBe(1);
  });

  it('is a mismatch, not also missing, where the baseline expects a value', async () => {
    const { findings } = await audit('inventory.service.url: { value: "https://inventory.internal/v1", required: true }');
    expect(findings.filter((f) => f.kind === 'missing')).toEqual([]);
    expect(findings.filter((f) => f.kind === 'mismatch').map((f) => f.environment)).toEqual([
      'staging',
      'prod-dotenv',
      'prod-k8s',
      'prod-json',
    ]);
  });

  it('is not judged where a source above the blank one could not be read: it may set the key', async () => {
    const outage = [
      'version: 1',
      'name: orders',
      'environments:',
      '  prod: { sources: [ { dotenv: { from: prod.env } }, { ssm: { path: /prod/orders/, from: prod-ssm.json } } ] }',
      'baseline:',
      '  undeclared: ignore',
      '  keys:',
      '    inventory.service.url: { required: true, per-environment: true }',
      '',
    ].join('\n');
    const dir = scratch({ 'drift.yaml': outage, 'prod.env': 'INVENTORY_SERVICE_URL=\n', 'prod-ssm.json': '{ "Parameters": [' });
    const r = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    const { findings } = JSON.parse(r.stdout) as { findings: Found[] };
    expect(findings.map((f) => f.kind)).toEqual(['source-error']);
    expect(r.code).toBe(3);
  });

  it('is nothing where the key is not required', async () => {
    const { findings } = await audit('inventory.service.url: { per-environment: true }');
    expect(findings).toEqual([]);
  });
});
