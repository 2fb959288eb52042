import * as path from 'node:path';
import type { Finding } from '../../lambdas/core/model';
import { drift, EXAMPLES } from '../helpers/cli';

const CONFIG = path.join(EXAMPLES, 'with-code', 'drift.yaml');

describe('examples/with-code: the two code scenarios of the story', () => {
  test('v2.3.0 reads INVENTORY_SERVICE_URL, production never got it: one high unset at the read; the deleted flag check: unread', async () => {
    const r = await drift(['audit', '-c', CONFIG, '--no-store', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Finding[];
    const code = findings.filter((f) => f.kind === 'unset' || f.kind === 'unread').map((f) => [f.kind, f.environment, f.key, f.severity]);
    expect(code).toHaveLength(3);
    expect(code).toEqual(
      expect.arrayContaining([
        ['unread', 'staging', 'enable.new.checkout', 'low'],
        ['unset', 'production', 'inventory.service.url', 'high'],
        ['unread', 'production', 'enable.new.checkout', 'low'],
      ]),
    );
    const unset = findings.find((f) => f.kind === 'unset');
    expect(unset?.message).toContain('src/checkout/inventory.py:9');
    expect(unset?.message).toContain('staging sets it');
  });

  test('the deploy gate: `drift code check --env production` fails, staging passes', async () => {
    const production = await drift(['code', 'check', '--env', 'production', '-c', CONFIG]);
    expect(production.code).toBe(1);
    expect(production.stdout).toContain('INVENTORY_SERVICE_URL at src/checkout/inventory.py:9');
    const staging = await drift(['code', 'check', '--env', 'staging', '-c', CONFIG]);
    expect(staging.code).toBe(0);
  });
});
