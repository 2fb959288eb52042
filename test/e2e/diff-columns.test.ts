import { drift, scratch } from '../helpers/cli';

describe('drift diff lines its columns up under their headings', () => {
  it.each([false, true])('each row starts its values where the heading names the environment (code column: %s)', async (withCode) => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: shop',
        'environments:',
        '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
        '  production: { sources: [ { dotenv: { from: production.env } } ] }',
        ...(withCode ? ['code: { path: src }'] : []),
        '',
      ].join('\n'),
      'staging.env': 'RUNTIME_AUTOSCALING_ENABLED=false\nTTL=300\n',
      'production.env': 'RUNTIME_AUTOSCALING_ENABLED=true\nTTL=300\n',
      'src/app.py': 'import os\nTTL = os.getenv("TTL", "60")\n',
    });
    const r = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: dir });
    const [heading, ...rest] = r.stdout.split('\n');
    const rows = rest.filter((l) => /^[ ≠?] \S/.test(l));
    expect(rows.map((l) => l.slice(2).split(' ')[0])).toEqual(['runtime.autoscaling.enabled', 'ttl']);
    const a = (heading ?? '').indexOf('staging');
    const b = (heading ?? '').indexOf('production');
    for (const row of rows) {
      expect(row[a - 1]).toBe(' ');
      expect(row[a]).not.toBe(' ');
      expect(row[b - 1]).toBe(' ');
      expect(row[b]).not.toBe(' ');
    }
  });

  it('a differing value cut to fit its column is shown in full below, so the difference is seen', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: shop',
        'environments:',
        '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
        '  production: { sources: [ { dotenv: { from: production.env } } ] }',
        '',
      ].join('\n'),
      // The two differ past the 32 characters a column shows.
      'staging.env':
        'INVENTORY_SERVICE_URL=http://inventory.orders.svc.cluster.local:8080/api/v2\nSHORT=a\nSAME=http://otel-collector.observability.svc.cluster.local:4317\n',
      'production.env':
        'INVENTORY_SERVICE_URL=http://inventory.orders.svc.cluster.local:8080/api/v1\nSHORT=b\nSAME=http://otel-collector.observability.svc.cluster.local:4317\n',
    });
    const r = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: dir });
    expect(r.stdout).toMatch(/^≠ inventory\.service\.url +http:\/\/inventory\.orders\.svc\.clu… +http:\/\/inventory\.orders\.svc\.clu…$/m);
    expect(r.stdout).toContain(' staging, in full: http://inventory.orders.svc.cluster.local:8080/api/v2\n');
    expect(r.stdout).toContain(' production, in full: http://inventory.orders.svc.cluster.local:8080/api/v1\n');
    // Values that fit, and equal ones, are not repeated.
    expect(r.stdout.match(/in full:/g)).toHaveLength(2);
  });
});
