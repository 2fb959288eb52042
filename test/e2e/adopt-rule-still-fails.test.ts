import { drift, scratch } from '../helpers/cli';

// The story's payment settings raised during incidents (PAYMENT_TIMEOUT=60s, PAYMENT_MAX_RETRIES=5):
// adopting them makes the baseline expect them, but the rule that bounds the worst-case wait still
// fails on them, so the next audit is not clean. adopt says so when it writes, not the next morning.

const FILES = {
  'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources: [ { dotenv: { from: staging.env } } ]
  production:
    sources: [ { dotenv: { from: production.env } } ]
baseline:
  keys:
    payment.timeout: { type: duration, value: 30s }
    payment.max.retries: { type: int, value: 3 }
    log.level: { value: INFO }
  rules:
    - { name: payment-worst-case-wait, assert: "payment.timeout * payment.max.retries <= 120s", severity: high }
`,
  'staging.env': 'PAYMENT_TIMEOUT=30s\nPAYMENT_MAX_RETRIES=3\nLOG_LEVEL=INFO\n',
  'production.env': 'PAYMENT_TIMEOUT=60s\nPAYMENT_MAX_RETRIES=5\nLOG_LEVEL=DEBUG\n',
};

const NOTE =
  '  still failing on the adopted values: rule payment-worst-case-wait fails in production: payment.timeout * payment.max.retries = 300s (payment.timeout = 60s, payment.max.retries = 5), not <= 120s';

describe('drift adopt says when the values it adopts still fail a rule', () => {
  it('names the rule and why it fails, once, when adopting its keys (and with --dry-run)', async () => {
    const dir = scratch(FILES);
    const dry = await drift(['adopt', 'production', 'PAYMENT_TIMEOUT', 'PAYMENT_MAX_RETRIES', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stderr.split('\n').filter((l) => l === NOTE)).toHaveLength(1);
    const out = await drift(['adopt', 'production', 'PAYMENT_TIMEOUT', 'PAYMENT_MAX_RETRIES'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stderr.split('\n').filter((l) => l === NOTE)).toHaveLength(1);
    // What the note announced: the audit after the adoption still reports the rule.
    const audit = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const findings = (JSON.parse(audit.stdout) as { findings: Array<{ kind: string; rule?: string; environment?: string }> }).findings;
    expect(findings.filter((f) => f.kind !== 'mismatch')).toEqual([
      expect.objectContaining({ kind: 'rule', rule: 'payment-worst-case-wait', environment: 'production' }),
    ]);
  });

  it('says nothing when the adopted key is in no failing rule, or the rule fails elsewhere only', async () => {
    const out = await drift(['adopt', 'production', 'LOG_LEVEL', '--no-store'], { cwd: scratch(FILES) });
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('rule');
    const inStaging = await drift(['adopt', 'staging', 'PAYMENT_TIMEOUT', '--everywhere', '--no-store'], { cwd: scratch(FILES) });
    expect(inStaging.stderr).not.toContain('rule');
  });
});
