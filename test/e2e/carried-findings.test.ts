import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { FileEstateSource } from '../../lambdas/adapters/estate-file';
import { REPORTS } from '../../lambdas/adapters/reports/report-formats';
import { RecordedSourceCollector } from '../../lambdas/adapters/recorded/recorded-collector';
import { makeFingerprinter } from '../../lambdas/core/fingerprint';
import { EXIT } from '../../lambdas/cli/io';
import { SNAPSHOT_SCHEMA, type RunArtifacts } from '../../lambdas/ports/run-artifacts';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { auditRun } from '../../lambdas/use-cases/audit-run';
import { snapshotEnvironment } from '../../lambdas/use-cases/snapshot-environment';
import { drift, scratch, TEST_KEY } from '../helpers/cli';
import { useDynalite } from '../helpers/dynalite';

const db = useDynalite();

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: staging.yml }
  production:
    sources:
      - file: { from: production.yml }
      - dotenv: { from: production.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
    feature.x: {}
`;
const FILES = {
  'drift.yaml': ESTATE,
  'staging.yml': 'db:\n  timeout: 10s\n',
  'production.yml': 'db:\n  timeout: 60s\n',
  'production.env': 'FEATURE_X=on\n',
};
const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');

interface Doc {
  findings: Array<{ kind: string; environment?: string; key?: string; status?: string; firstSeen?: string }>;
}

/** The scheduled run's audit stage over the same files: snapshots taken as the snapshot stage would, then audit-run. */
async function scheduledAudit(dir: string, store: AuditStore, runId: string, now: Date): Promise<Doc> {
  const file = path.join(dir, 'drift.yaml');
  const estates = new FileEstateSource([file]);
  const { estate } = await estates.load({ key: file });
  const fp = makeFingerprinter(Buffer.from(TEST_KEY, 'base64'));
  const collector = new RecordedSourceCollector({ baseDir: dir });
  const snapshots = await Promise.all(estate.environments.map((env) => snapshotEnvironment(estate, env, collector, fp)));
  const reports = new Map<string, unknown>();
  const key = (env: string) => `runs/${runId}/snapshots/shop/${env}.json.gz`;
  const artifacts: RunArtifacts = {
    snapshotKey: (_run, _estate, env) => key(env),
    putSnapshot: async () => '',
    getSnapshot: async (k) => ({
      schema: SNAPSHOT_SCHEMA,
      runId,
      estate: 'shop',
      keyId: fp.keyId,
      snapshot: snapshots.find((s) => key(s.environment) === k)!,
    }),
    reportKey: (run, e) => `runs/${run}/reports/${e}.json`,
    putReport: async (_run, e, report) => (reports.set(e, JSON.parse(report.body)), ''),
    putHtmlReport: async () => '',
    getHtmlReport: async () => undefined,
    putRunPage: async () => '',
    getReport: async (_run, e) => reports.get(e),
  };
  await auditRun(
    {
      runId,
      estates: [{ key: file }],
      snapshots: [{ target: { account: 'default', region: 'us-east-1' }, snapshotKeys: snapshots.map((s) => key(s.environment)) }],
    },
    { estates, artifacts, store, defaultRegion: 'us-east-1', report: REPORTS.json, html: REPORTS.html, now: () => now },
  );
  return reports.get('shop') as Doc;
}

describe('a source that fails on the second run', () => {
  test('drift audit keeps its earlier findings open in the report, as the scheduled run does; they do not count toward --fail-on', async () => {
    const cli = scratch(FILES);
    const first = await drift(['audit', '--format', 'json'], { cwd: cli, now: T1 });
    expect(first.code).toBe(EXIT.findings);
    rmSync(path.join(cli, 'production.yml'));
    const second = await drift(['audit', '--format', 'json'], { cwd: cli, now: T2 });
    const doc = JSON.parse(second.stdout) as Doc;
    expect(doc.findings.map((f) => `${f.kind} ${f.environment} ${f.key ?? ''} ${f.status}`)).toEqual([
      'mismatch production db.timeout open',
      'source-error production  new',
    ]);
    expect(doc.findings[0]!.firstSeen).toBe(T1.toISOString());
    // The high mismatch was not looked at this run: the failed source is what the exit code says.
    expect(second.code).toBe(EXIT.sourceFailed);

    const lambda = scratch(FILES);
    const { store } = await db.freshTable();
    await scheduledAudit(lambda, store, 'nightly-1', T1);
    rmSync(path.join(lambda, 'production.yml'));
    const scheduled = await scheduledAudit(lambda, store, 'nightly-2', T2);
    const located = (d: Doc) => JSON.stringify(d.findings).replaceAll(lambda, cli);
    expect(located(doc)).toBe(located(scheduled));
  });
});
