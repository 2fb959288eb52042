import { LimiterRegistry } from '../../lambdas/adapters/live/rate-limiter';
import { LiveSourceCollector } from '../../lambdas/adapters/live/live-collector';
import { MemoryTaskDefinitionCache } from '../../lambdas/adapters/live/ecs/task-definition-cache';
import type { LiveClients } from '../../lambdas/adapters/live/live-kinds';
import { sourceLabel } from '../../lambdas/core/estate/source-label';
import type { EstateRef, EstateSource } from '../../lambdas/ports/estate-source';
import type { SourceCollector } from '../../lambdas/ports/source-collector';
import { planRun } from '../../lambdas/use-cases/plan-run';
import { snapshotTarget } from '../../lambdas/use-cases/snapshot-target';
import { auditRun } from '../../lambdas/use-cases/audit-run';
import { REPORTS } from '../../lambdas/adapters/reports/report-formats';
import { SNAPSHOT_SCHEMA, type SnapshotDocument } from '../../lambdas/ports/run-artifacts';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom } from '../helpers/estate';
import { testContext } from '../helpers/context';

// The installation's own account, named by one environment and left out by the other: one account,
// one SSM budget, so one snapshot invocation and one rate limiter (spec §6).
const OWN = '123456789012';
const estate = estateFrom(`version: 1
name: shop
environments:
  staging:
    sources:
      - ssm: { path: /staging/shop/ }
  production:
    account: "${OWN}"
    sources:
      - ssm: { path: /production/shop/ }
`);
const source: EstateSource = {
  listKeys: async () => ['estates/shop/drift.yaml'],
  load: async (ref: EstateRef) => ({ ref, estate, baseline: { file: ref.key, sha256: 'abc' } }),
};

const db = useDynalite();

describe("an environment that names the installation's own account", () => {
  test('is planned in the same target as those that name none, and that target snapshots both', async () => {
    const plan = await planRun({ runId: 'run-1' }, { estates: source, defaultRegion: 'us-east-1', ownAccount: OWN, now: () => new Date() });
    expect(plan.targets).toHaveLength(1);

    const written: string[] = [];
    const collector: SourceCollector = {
      collect: async (_spec, label) => ({ source: label, observations: [], dangling: [], errors: [] }),
    };
    await snapshotTarget(
      { runId: plan.runId, estates: plan.estates, target: plan.targets[0]! },
      {
        estates: source,
        artifacts: {
          putSnapshot: async (doc: { snapshot: { environment: string } }) => (written.push(doc.snapshot.environment), ''),
        } as never,
        collectorFor: () => collector,
        fingerprinter: async () => ({ keyId: 'k1' }) as never,
        defaultRegion: 'us-east-1',
        ownAccount: OWN,
      },
    );
    expect(written.sort()).toEqual(['production', 'staging']);

    // The audit looks for each environment's snapshot in the target plan-run put it in.
    const docs = new Map<string, SnapshotDocument>();
    const snapshotKey = (runId: string, name: string, env: string) => `runs/${runId}/snapshots/${name}/${env}.json.gz`;
    for (const env of written)
      docs.set(snapshotKey(plan.runId, 'shop', env), {
        schema: SNAPSHOT_SCHEMA,
        runId: plan.runId,
        estate: 'shop',
        keyId: 'k1',
        snapshot: { environment: env, sources: [] },
      } as never);
    const reports: string[] = [];
    const { store } = await db.freshTable();
    await auditRun(
      { runId: plan.runId, estates: plan.estates, snapshots: [{ target: plan.targets[0]!, snapshotted: 2 }] },
      {
        estates: source,
        artifacts: {
          snapshotKey,
          getSnapshot: async (key: string) => docs.get(key),
          putReport: async (_r: string, _e: string, report: { body: string }) => (reports.push(report.body), ''),
          putHtmlReport: async () => '',
        } as never,
        store,
        defaultRegion: 'us-east-1',
        ownAccount: OWN,
        report: REPORTS.json,
        html: REPORTS.html,
        now: () => new Date('2026-11-24T02:00:00Z'),
      },
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).not.toContain('not snapshotted');
  });

  test("its live reads share the account's one rate limiter", async () => {
    const limiters = new LimiterRegistry();
    const collector = new LiveSourceCollector(
      { collect: () => Promise.reject(new Error('no recorded sources here')) },
      {
        clients: () => ({ region: 'us-east-1', ssm: { send: async () => ({ Parameters: [] }) } }) as unknown as LiveClients,
        limiters,
        defaultRegion: 'us-east-1',
        ownAccount: OWN,
        previous: async () => undefined,
        taskDefinitions: new MemoryTaskDefinitionCache(),
        now: () => new Date('2026-11-24T02:00:00Z'),
      },
    );
    for (const env of estate.environments) {
      const spec = env.sources[0]!;
      const label = sourceLabel(spec);
      await collector.collect(spec, label, testContext(label), env);
    }
    expect(Object.keys(limiters.stats())).toEqual(['default/us-east-1']);
  });
});
