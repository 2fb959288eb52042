import { REPORT_FORMATS, REPORTS } from '../../../lambdas/adapters/reports/report-formats';
import { FORMATS } from '../../../lambdas/cli/options';
import type { AuditResult } from '../../../lambdas/core/engine/audit';
import type { RepositoryView } from '../../../lambdas/ports/repository-view';
import { estateFrom, estateYaml } from '../../helpers/estate';

const estate = estateFrom(estateYaml(['staging', 'production']), '/repo/shop/drift.yaml');

const result: AuditResult = {
  schema: 'drift-audit/v1',
  generatedAt: '2026-11-24T02:00:00Z',
  estate: estate.name,
  environments: ['staging', 'production'],
  findings: [
    {
      id: 'f1',
      kind: 'mismatch',
      severity: 'high',
      estate: estate.name,
      environment: 'production',
      key: 'db.timeout',
      message: 'db.timeout is 60s',
    },
  ],
  suppressed: [],
  resolved: [],
  summary: { bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, byKind: {}, rulesSkipped: 0 },
  configs: [],
};

const repository: RepositoryView = {
  rootUri: 'file:///repo/',
  relative: (file) => (file.startsWith('/repo/') ? file.slice('/repo/'.length) : undefined),
  valueLine: () => undefined,
  yamlLine: () => undefined,
};

describe('the report registry: one entry per format', () => {
  test('the formats, in the order help lists them, are the CLI audit --format choices', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'markdown', 'sarif', 'html']);
    expect(FORMATS.audit).toBe(REPORT_FORMATS);
  });

  test.each(REPORT_FORMATS)('%s renders the audit, ending with a newline', (format) => {
    const out = REPORTS[format].render({ estate, result, repository });
    expect(out).toContain('db.timeout');
    expect(out.endsWith('\n')).toBe(true);
  });

  test('json is the audit document, without the effective configurations, as a run stores it', () => {
    const out = REPORTS.json.render({ estate, result });
    expect(REPORTS.json.mediaType).toBe('application/json');
    const { configs: _configs, ...doc } = result;
    expect(out).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  test('text is coloured only when asked', () => {
    expect(REPORTS.text.render({ estate, result, colour: true })).toContain('\u001b[');
    expect(REPORTS.text.render({ estate, result })).not.toContain('\u001b[');
  });

  test('only SARIF points into the repository, and it says so rather than render without one', () => {
    expect(REPORT_FORMATS.filter((f) => REPORTS[f].needsRepository)).toEqual(['sarif']);
    expect(() => REPORTS.sarif.render({ estate, result })).toThrow(/repository/);
    expect(JSON.parse(REPORTS.sarif.render({ estate, result, repository })).runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'shop/drift.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
  });
});
