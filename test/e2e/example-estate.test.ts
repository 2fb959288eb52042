import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { drift, EXAMPLES } from '../helpers/cli';

// examples/README.md lists these: every seed scenario, as of 2026-11-24.
const EXPECTED = `
dev                    undeclared         mock.payments                info
staging                retired            enable.new.checkout          medium
staging                retired            checkout.rollout.percent     medium
staging                dangling-ref       smtp.password                high
production-us          mismatch           db.timeout                   medium
production-us          constraint         db.timeout                   high
production-us          retired            enable.new.checkout          medium
production-us          retired            checkout.rollout.percent     medium
production-us          mismatch           log.include.sensitive        critical
production-us          shadowed           database.pool.size           low
production-us          mismatch           database.pool.size           medium
production-us          rule               payment-worst-case-wait      high
production-us          missing            inventory.service.url        high
production-us          mismatch           api.timeout                  medium
production-eu          retired            enable.new.checkout          medium
production-eu          retired            checkout.rollout.percent     medium
production-eu          exception-expired  log.level                    medium
production-eu          mismatch           database.pool.size           medium
production-eu          dangling-ref       stripe.webhook.secret        high
production-eu          undeclared         legacy.cache.ttl             info
us-vs-eu               parity             database.timeout             medium
us-vs-eu               parity             payment.timeout              medium
us-vs-eu               parity             payment.max.retries          medium
us-vs-eu               parity             runtime.autoscaling.min      medium
us-vs-eu               parity             runtime.memory               medium
us-vs-eu               parity             runtime.autoscaling.enabled  medium
us-vs-eu               parity             legacy.cache.ttl             medium
staging-vs-production  parity             payment.timeout              medium
staging-vs-production  parity             payment.max.retries          medium
`
  .trim()
  .split('\n')
  .map((l) => l.trim().split(/\s+/).join(' '))
  .sort();

interface F {
  kind: string;
  severity: string;
  environment?: string;
  group?: string;
  key?: string;
  rule?: string;
  expected?: string;
  actual?: string;
  values?: Record<string, string | null>;
  source?: { type: string; location: string; version?: number; modifiedBy?: string; modifiedAt?: string };
  exception?: { reason: string; expires: string };
  expiresSoon?: boolean;
}
const line = (f: F) => [f.environment ?? f.group, f.kind, f.key ?? f.rule, f.severity].join(' ');
// The shared example folder is read by tests in parallel: none of them may write a store into it.
const CONFIG = ['-c', 'examples/drift.yaml', '--no-store'];

async function auditJson(): Promise<{ code: number; doc: { findings: F[]; suppressed: F[]; summary: { rulesSkipped: number } } }> {
  const r = await drift(['audit', ...CONFIG, '--format', 'json']);
  return { code: r.code, doc: JSON.parse(r.stdout) };
}

describe('the example estate: every scenario of the seed story is caught', () => {
  test('exactly the expected findings, and nothing for the look-alikes', async () => {
    const { code, doc } = await auditJson();
    expect(doc.findings.map(line).sort()).toEqual(EXPECTED);
    expect(code).toBe(1);
    expect(doc.summary.rulesSkipped).toBe(1);
  });

  test('the live exception suppresses DEBUG logging in production-us and is flagged as expiring soon', async () => {
    const { doc } = await auditJson();
    expect(doc.suppressed).toEqual([
      expect.objectContaining({
        kind: 'mismatch',
        environment: 'production-us',
        key: 'log.level',
        actual: 'DEBUG',
        expiresSoon: true,
        exception: expect.objectContaining({ ticket: 'OPS-88', expires: '2026-12-01' }),
      }),
    ]);
  });

  test('findings say where the value comes from: source, location, version, who and when', async () => {
    const { doc } = await auditJson();
    const find = (kind: string, scope: string, key: string) =>
      doc.findings.find((f) => f.kind === kind && (f.environment ?? f.group) === scope && (f.key ?? f.rule) === key)!;
    expect(find('mismatch', 'production-us', 'api.timeout')).toMatchObject({
      expected: '30s',
      actual: '120',
      source: {
        type: 'ssm',
        location: '/production-us/checkout/api/timeout',
        version: 6,
        modifiedBy: 'arn:aws:sts::222222222222:assumed-role/oncall/alice',
      },
    });
    expect(find('mismatch', 'production-us', 'db.timeout').source).toMatchObject({
      type: 'k8s',
      location: expect.stringContaining('DB_TIMEOUT'),
    });
    expect(find('parity', 'us-vs-eu', 'runtime.autoscaling.enabled').values).toEqual({ 'production-us': 'true', 'production-eu': 'false' });
    expect(find('exception-expired', 'production-eu', 'log.level')).toMatchObject({
      expected: 'INFO',
      actual: 'DEBUG',
      exception: { expires: '2026-10-31' },
    });
  });

  test('after the exception expires, the suppressed finding comes back as exception-expired', async () => {
    const r = await drift(['audit', ...CONFIG, '--format', 'json'], { now: new Date('2026-12-02T08:00:00Z') });
    const doc = JSON.parse(r.stdout) as { findings: F[]; suppressed: F[] };
    expect(doc.suppressed).toEqual([]);
    expect(doc.findings.map(line)).toContain('production-us exception-expired log.level medium');
  });

  test('text output groups by environment and says where each value comes from', async () => {
    const r = await drift(['audit', ...CONFIG]);
    expect(r.code).toBe(1);
    // Environments, then parity groups, each in drift.yaml order.
    const envs = ['dev', 'staging', 'production-us', 'production-eu', 'us-vs-eu (parity group)', 'staging-vs-production (parity group)'];
    const positions = envs.map((e) => r.stdout.search(new RegExp(`^${e.replace(/[()]/g, '\\$&')}`, 'm')));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(r.stdout).toContain(
      '↳ ssm /production-us/checkout/api/timeout · v6 · 2026-11-09 03:41:22 UTC · by arn:aws:sts::222222222222:assumed-role/oncall/alice',
    );
    expect(r.stdout).toContain('Suppressed by exceptions (1)');
    expect(r.stdout).not.toContain('\u001b[');
  });
});

/** Every secret plaintext in the example (SecureStrings, Secret data and stringData, secret-named dotenv values). */
function secretCanaries(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(path.join(EXAMPLES, 'exports')).filter((n) => n.endsWith('-ssm.json'))) {
    const doc = JSON.parse(readFileSync(path.join(EXAMPLES, 'exports', f), 'utf8')) as {
      Parameters: Array<{ Type: string; Value: string }>;
    };
    out.push(...doc.Parameters.filter((p) => p.Type === 'SecureString').map((p) => p.Value));
  }
  for (const dir of ['staging', 'production-us']) {
    for (const f of readdirSync(path.join(EXAMPLES, 'manifests', dir))) {
      for (const d of parseAllDocuments(readFileSync(path.join(EXAMPLES, 'manifests', dir, f), 'utf8')) as Array<{ toJS(): unknown }>) {
        const o = d.toJS() as { kind?: string; data?: Record<string, string>; stringData?: Record<string, string> } | null;
        if (o?.kind !== 'Secret') continue;
        for (const v of Object.values(o.data ?? {})) out.push(v, Buffer.from(v, 'base64').toString('utf8'));
        out.push(...Object.values(o.stringData ?? {}));
      }
    }
  }
  for (const l of readFileSync(path.join(EXAMPLES, 'env', 'dev.env'), 'utf8').split('\n')) {
    const m = /^(?:export\s+)?\w*(PASSWORD|SECRET|TOKEN)\w*=(.+)$/.exec(l);
    if (m) out.push(m[2]!.trim());
  }
  return out.filter((s) => s.length >= 8);
}

describe('secrets never leak from the example estate', () => {
  test('no secret plaintext in any output of audit, diff or explain', async () => {
    const canaries = secretCanaries();
    expect(canaries.length).toBeGreaterThanOrEqual(7);
    const runs = await Promise.all([
      drift(['audit', ...CONFIG]),
      drift(['audit', ...CONFIG, '--format', 'json']),
      drift(['audit', ...CONFIG, '--format', 'markdown']),
      drift(['audit', ...CONFIG, '--format', 'sarif']),
      drift(['diff', 'staging', 'production-us', ...CONFIG]),
      drift(['diff', 'production-us', 'production-eu', ...CONFIG, '--format', 'json']),
      drift(['explain', 'production-eu', 'DB_PASSWORD', ...CONFIG]),
      drift(['explain', 'staging', 'stripe.webhook.secret', ...CONFIG, '--format', 'json']),
      drift(['explain', 'dev', 'db.password', ...CONFIG]),
    ]);
    for (const r of runs) {
      for (const c of canaries) {
        expect(r.stdout).not.toContain(c);
        expect(r.stderr).not.toContain(c);
      }
    }
    expect(runs[6]!.stdout).toMatch(/<secret:[0-9a-f]{8}>/);
  });
});
