import type { AuditResult } from '../../../lambdas/core/engine/audit';
import type { Finding } from '../../../lambdas/core/model';
import { renderMarkdown } from '../../../lambdas/adapters/reports/markdown-report';
import { painter } from '../../../lambdas/adapters/reports/paint';
import { reportLayout } from '../../../lambdas/adapters/reports/report-layout';
import { renderSarif } from '../../../lambdas/adapters/reports/sarif-report';
import { renderTextReport } from '../../../lambdas/adapters/reports/text-report';
import type { RepositoryView } from '../../../lambdas/ports/repository-view';
import { estateFrom } from '../../helpers/estate';

const ESTATE = estateFrom(
  `version: 1
name: shop
environments:
  staging: { sources: [ { dotenv: { from: staging.env } } ] }
  production: { sources: [ { dotenv: { from: production.env } } ] }
  dev: { sources: [ { dotenv: { from: dev.env } } ] }
parity:
  - { name: zeta, environments: [staging, production] }
  - { name: alpha, environments: [production, dev] }
baseline:
  keys:
    db.timeout: { type: duration, value: 10s }
    payment.timeout: { type: duration }
    payment.retries: { type: int }
  rules:
    - { name: wait, assert: "payment.timeout * payment.retries <= 120s" }
`,
  '/repo/shop/drift.yaml',
);

const f = (id: string, over: Partial<Finding>): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'medium',
  estate: 'shop',
  message: `message ${id}`,
  ...over,
});

// In findingOrder: most severe first, then drift.yaml order (staging, production, dev; zeta, alpha; estate-wide).
const findings: Finding[] = [
  f('rule-nowhere', { kind: 'rule', severity: 'high', rule: 'wait', message: 'rule wait could not be judged in any environment' }),
  f('prod-db', { environment: 'production', key: 'db.timeout' }),
  f('zeta-x', { kind: 'parity', group: 'zeta', key: 'x' }),
  f('alpha-y', { kind: 'parity', group: 'alpha', key: 'y' }),
];
const suppressed: Finding[] = [
  f('accepted', {
    environment: 'dev',
    key: 'db.timeout',
    actual: '60s',
    exception: { environment: 'dev', key: 'db.timeout', reason: 'dev runs slow disks', permanent: true },
  }),
  f('soon', {
    environment: 'staging',
    key: 'db.timeout',
    actual: '20s',
    expiresSoon: true,
    exception: { environment: 'staging', key: 'db.timeout', reason: 'load test', ticket: 'OPS-9', expires: '2026-11-26' },
  }),
  f('rule-excused', {
    kind: 'rule',
    environment: 'production',
    rule: 'wait',
    exception: { environment: 'production', key: 'wait', reason: 'PSP migration', expires: '2027-01-31' },
  }),
];

const result: AuditResult = {
  schema: 'drift-audit/v1',
  generatedAt: '2026-11-24T02:00:00Z',
  estate: 'shop',
  environments: ['staging', 'production', 'dev'],
  findings,
  suppressed,
  resolved: [],
  summary: { bySeverity: { critical: 0, high: 1, medium: 3, low: 0, info: 0 }, byKind: {}, rulesSkipped: 0 },
  configs: [],
};

const order = (text: string, headings: string[]): number[] =>
  headings.map((h) => text.search(new RegExp(`^${h.replace(/[()]/g, '\\$&')}`, 'm')));
const ascending = (xs: number[]): boolean => xs.every((x, i) => x >= 0 && (i === 0 || x > xs[i - 1]!));

describe('people-facing reports: every scope in drift.yaml order, estate-wide findings shown, accepted differences named', () => {
  test('text', () => {
    const text = renderTextReport(result, painter(false), reportLayout(ESTATE));
    expect(
      ascending(order(text, ['staging', 'production', 'dev', 'zeta (parity group)', 'alpha (parity group)', 'all environments'])),
    ).toBe(true);
    expect(text).toMatch(/^all environments {2}\(1 finding\)\n {2}HIGH +rule +wait\n +rule wait could not be judged in any environment$/m);
    expect(text).toContain('dev  mismatch db.timeout = 60s · dev runs slow disks · accepted difference');
    expect(text).toContain('staging  mismatch db.timeout = 20s · load test (OPS-9) · expires 2026-11-26 (in 2 days)');
    expect(text).toContain('production  rule wait · PSP migration · expires 2027-01-31');
  });

  test('Markdown', () => {
    const md = renderMarkdown(result, reportLayout(ESTATE));
    expect(ascending(order(md, ['### production', '### zeta (parity group)', '### alpha (parity group)', '### all environments']))).toBe(
      true,
    );
    expect(md).toContain('| high | rule | wait | rule wait could not be judged in any environment |  |  |');
    expect(md).toContain('| dev | db.timeout | 60s | dev runs slow disks | accepted difference |');
    expect(md).toContain('| staging | db.timeout | 20s | load test (OPS-9) | 2026-11-26 ⚠ expires soon |');
  });

  test('SARIF: an estate-wide finding at the rule it names; a permanent exception justified as an accepted difference', () => {
    const repo: RepositoryView = {
      rootUri: 'file:///repo/',
      relative: (file) => (file.startsWith('/repo/') ? file.slice('/repo/'.length) : undefined),
      valueLine: () => undefined,
      yamlLine: () => undefined,
    };
    const run = JSON.parse(renderSarif(result, ESTATE, repo)).runs[0];
    const byId = (id: string) =>
      run.results.find((r: { partialFingerprints: { driftFindingId: string } }) => r.partialFingerprints.driftFindingId === id);
    const ruleAt = ESTATE.baseline.rules[0]!.at!.line;
    expect(byId('rule-nowhere').locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'shop/drift.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: ruleAt },
    });
    expect(byId('rule-nowhere').locations[0].logicalLocations[0].fullyQualifiedName).toBe('shop/wait');
    expect(byId('accepted').suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'accepted difference: dev runs slow disks' },
    ]);
    expect(byId('soon').suppressions[0].justification).toBe('exception until 2026-11-26 (expires soon): load test (OPS-9)');
    // A parity finding on an undeclared key, when drift.yaml cannot be read for its group's line: line 1.
    expect(byId('zeta-x').locations[0].physicalLocation.region).toEqual({ startLine: 1 });
  });
});
