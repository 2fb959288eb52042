import { drift, scratch } from '../helpers/cli';

describe('a key is one key in any spelling', () => {
  test('explain and history take a full SSM parameter name or ARN, and any spelling', async () => {
    for (const typed of [
      '/production-us/checkout/api/timeout',
      'arn:aws:ssm:us-east-1:222222222222:parameter/production-us/checkout/api/timeout',
      'API_TIMEOUT',
      'apiTimeout',
    ]) {
      const r = await drift(['explain', 'production-us', typed, '-c', 'examples/drift.yaml', '--no-store']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('api.timeout in production-us');
    }
  });

  test('camelCase in a YAML file and SCREAMING_SNAKE in a dotenv file are one key', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'environments:',
        '  prod:',
        '    sources:',
        '      - file: { from: config.yml }',
        '      - dotenv: { from: prod.env }',
        'baseline:',
        '  keys:',
        '    payment.retry.limit: { type: int, value: 3 }',
      ].join('\n'),
      'config.yml': 'payment:\n  retryLimit: 5\n',
      'prod.env': 'PAYMENT_RETRY_LIMIT=3\n',
    });
    const r = await drift(['audit', '-c', 'drift.yaml', '--no-store', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; key?: string }> };
    // One key, set by both sources: no `undeclared payment.retrylimit`, no mismatch (the override is the expected 3).
    expect(doc.findings.map((f) => `${f.kind} ${f.key}`)).toEqual([]);
    const explained = await drift(['explain', 'prod', 'payment.retryLimit', '-c', 'drift.yaml', '--no-store'], { cwd: dir });
    expect(explained.stdout).toContain('payment.retry.limit in prod');
    expect(explained.stdout).toMatch(/1\. +hidden +5/);
    expect(explained.stdout).toMatch(/2\. +→ wins +3/);
  });
});
