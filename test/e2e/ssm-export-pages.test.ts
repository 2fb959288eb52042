import { drift, scratch, type CliRun } from '../helpers/cli';

// `aws ssm get-parameters-by-path --max-items 1 [--starting-token …]` run until it prints no NextToken, each page
// saved to a file of one folder: every page but the last ends with a NextToken. The folder was a source-error (and its
// parameters read as unknown) as if a page were missing; only a folder whose every page ends with one is truncated.
const page = (name: string, value: string, next?: string): string =>
  JSON.stringify({
    Parameters: [{ Name: `/prod/api/${name}`, Type: 'String', Value: value, Version: 1, LastModifiedDate: '2026-11-01T00:00:00Z' }],
    ...(next !== undefined && { NextToken: next }),
  });

const ESTATE = `version: 1
name: pages
environments:
  prod:
    sources:
      - ssm: { path: /prod/api, from: pages/ }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    log.level: { value: INFO }
    pool.size: { type: int, value: 20, required: true }
`;

type Finding = { kind: string; key?: string; message: string };
const findingsOf = (run: CliRun): Finding[] => (JSON.parse(run.stdout) as { findings: Finding[] }).findings;

describe('an SSM export saved one page per file in a folder', () => {
  it('reads every page when the last one has no NextToken: no source-error, and a parameter on no page is missing', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'pages/page-1.json': page('db_timeout', '10s', 'eyJ0b2tlbiI6IDF9'),
      'pages/page-2.json': page('log_level', 'DEBUG', 'eyJ0b2tlbiI6IDJ9'),
      'pages/page-10.json': page('feature_x', 'true'),
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(
      findingsOf(run)
        .map((f) => `${f.kind} ${f.key}`)
        .sort(),
    ).toEqual(['mismatch log.level', 'missing pool.size']);
  });

  it('is still truncated when every page of it ends with a NextToken', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'pages/page-1.json': page('db_timeout', '10s', 'eyJ0b2tlbiI6IDF9'),
      'pages/page-2.json': page('log_level', 'INFO', 'eyJ0b2tlbiI6IDJ9'),
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.code).toBe(3);
    const findings = findingsOf(run);
    expect(findings.map((f) => f.kind)).toEqual(['source-error']);
    expect(findings[0]?.message).toContain('pages/page-1.json: the export ends with a NextToken');
    expect(findings[0]?.message).toContain('pages/page-2.json: the export ends with a NextToken');
  });

  it("is still truncated beside another path's whole export in the same folder, which is no last page of its own", async () => {
    const other = JSON.stringify({
      Parameters: [{ Name: '/prod/worker/threads', Type: 'String', Value: '4', Version: 1, LastModifiedDate: '2026-11-01T00:00:00Z' }],
    });
    const dir = scratch({
      'drift.yaml': ESTATE,
      'pages/page-1.json': page('db_timeout', '10s', 'eyJ0b2tlbiI6IDF9'),
      'pages/worker.json': other,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(findingsOf(run).map((f) => f.kind)).toEqual(['source-error']);
  });
});
