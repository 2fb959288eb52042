import { copyOfExamples, drift } from '../helpers/cli';

type Finding = { kind: string; severity: string; environment?: string; group?: string; key?: string; source?: { type: string } };

describe('the example estate examples/more-sources (AppConfig and Secrets Manager, recorded)', () => {
  it('finds the drift it was written to show, and nothing else', async () => {
    const run = await drift(['audit', '-c', 'more-sources/drift.yaml', '--format', 'json', '--no-store'], { cwd: copyOfExamples() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings.map((f) => [f.kind, f.severity, f.environment ?? f.group, f.key, f.source?.type])).toEqual([
      ['dangling-ref', 'high', 'production', 'webhook.signing.secret', 'ecs'],
      ['mismatch', 'medium', 'staging', 'payment.timeout', 'appconfig'],
      ['parity', 'medium', 'staging-vs-production', 'express.pay.providers', undefined],
      ['parity', 'medium', 'staging-vs-production', 'new.checkout.rollout.percent', undefined],
    ]);
  });

  it('is valid, with no warnings', async () => {
    const run = await drift(['validate', '-c', 'more-sources/drift.yaml'], { cwd: copyOfExamples() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('8 sources');
  });
});
