import { REPORTS } from '../../lambdas/adapters/reports/report-formats';
import { audit } from '../../lambdas/core/engine/audit';
import type { Estate } from '../../lambdas/core/estate/model';
import type { EnvironmentSnapshot } from '../../lambdas/core/model';
import { auditRun, AuditRunError, type AuditRunDeps, type AuditRunInput } from '../../lambdas/use-cases/audit-run';
import { notifyRun, NotifyRunError, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import type { EstateRef, EstateSource, LoadedEstate } from '../../lambdas/ports/estate-source';
import type { EventPublisher } from '../../lambdas/ports/event-publisher';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { SNAPSHOT_SCHEMA, type RunArtifacts, type SnapshotDocument } from '../../lambdas/ports/run-artifacts';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

const db = useDynalite();
const AT = new Date('2026-11-24T02:00:00Z');
const named = (name: string) => Object.assign(new Error(`${name} (injected)`), { name });

const estateNamed = (name: string): Estate =>
  estateFrom(
    estateYaml(
      ['us', 'eu'],
      'parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s }\n    pool: {}\n',
    ).replace('name: shop', `name: ${name}`),
  );
const DRIFTED: EnvironmentSnapshot[] = [
  snapshot('us', { values: { 'db.timeout': '60s', pool: '20' } }),
  snapshot('eu', { values: { 'db.timeout': '10s', pool: '10' } }),
];

/** Estate files by key; `broken` keys throw as an unreadable file would. */
function estates(byKey: Record<string, Estate>, broken: string[] = []): EstateSource {
  return {
    listKeys: async () => Object.keys(byKey),
    load: async (ref: EstateRef): Promise<LoadedEstate> => {
      if (broken.includes(ref.key)) throw named('NoSuchKey');
      return { ref, estate: byKey[ref.key]!, baseline: { file: ref.key, sha256: 'abc' } };
    },
  };
}

function artifacts(
  snapshots: Record<string, EnvironmentSnapshot[]>,
): RunArtifacts & { reports: Map<string, unknown>; pages: Map<string, string> } {
  const reports = new Map<string, unknown>();
  const pages = new Map<string, string>();
  return {
    reports,
    pages,
    snapshotKey: (runId, estate, env) => `runs/${runId}/snapshots/${estate}/${env}.json.gz`,
    putSnapshot: async () => '',
    getSnapshot: async (key): Promise<SnapshotDocument | undefined> => {
      const [, runId, , estate, file] = key.split('/') as [string, string, string, string, string];
      const env = file.replace('.json.gz', '');
      const snapshot = snapshots[estate]?.find((s) => s.environment === env);
      return snapshot && { schema: SNAPSHOT_SCHEMA, runId, estate, keyId: 'k1', snapshot };
    },
    reportKey: (runId, estate) => `runs/${runId}/reports/${estate}.json`,
    putReport: async (runId, estate, report) => (reports.set(`${runId}/${estate}`, JSON.parse(report.body)), ''),
    putHtmlReport: async (runId, estate, page) => (pages.set(`${runId}/${estate}`, page.body), ''),
    getHtmlReport: async (runId, estate) => pages.get(`${runId}/${estate}`),
    putRunPage: async (runId, page) => (pages.set(runId, page.body), ''),
    getReport: async (runId, estate) => reports.get(`${runId}/${estate}`),
  };
}

/** A store whose `appendEvent` throws (as a throttled write would) the first `failures` times. */
function flaky(store: AuditStore, failures: number): AuditStore {
  let left = failures;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'appendEvent')
        return async (...args: Parameters<AuditStore['appendEvent']>) =>
          left-- > 0 ? Promise.reject(named('ProvisionedThroughputExceededException')) : target.appendEvent(...args);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('audit-run, retried with the same input (as the state machine does on any error)', () => {
  const input = (runId: string): AuditRunInput => ({
    runId,
    estates: [{ key: 'estates/shop/drift.yaml' }],
    snapshots: [
      {
        target: { account: 'default', region: 'us-east-1' },
        snapshotKeys: ['us', 'eu'].map((e) => `runs/${runId}/snapshots/shop/${e}.json.gz`),
      },
    ],
  });
  const deps = (store: AuditStore): AuditRunDeps => ({
    estates: estates({ 'estates/shop/drift.yaml': estateNamed('shop') }),
    artifacts: artifacts({ shop: DRIFTED }),
    store,
    defaultRegion: 'us-east-1',
    report: REPORTS.json,
    html: REPORTS.html,
    now: () => AT,
  });
  const logged = async (store: AuditStore) => (await store.listEvents('shop')).map((e) => `${e.event} ${e.eventId}`).sort();

  test('a throttled write mid-audit, then the retry: the store holds what one clean run writes, every event logged once', async () => {
    const clean = await db.freshTable();
    const once = await auditRun(input('nightly-1'), deps(clean.store));

    const retried = await db.freshTable();
    await expect(auditRun(input('nightly-1'), deps(flaky(retried.store, 1)))).rejects.toBeInstanceOf(AuditRunError);
    const again = await auditRun(input('nightly-1'), deps(retried.store));

    expect(await logged(retried.store)).toEqual(await logged(clean.store));
    expect((await logged(clean.store)).filter((e) => e.startsWith('opened'))).toHaveLength(2);
    // Everything but when each event was logged, which is the clock's.
    const items = async (t: { scan(): Promise<Array<Record<string, unknown>>> }) =>
      (await t.scan()).map(({ loggedAt: _at, ...item }) => item);
    expect(await items(retried)).toEqual(await items(clean));
    expect(again.audited.map((a) => a.findings)).toEqual(once.audited.map((a) => a.findings));
  });
});

describe('audit-run reads the snapshots at the keys it derives (the snapshot stage hands on counts, not keys)', () => {
  test('an environment the target wrote no snapshot of is a source error; the one it wrote is audited', async () => {
    const { store } = await db.freshTable();
    const out = await auditRun(
      {
        runId: 'nightly-1',
        estates: [{ key: 'estates/shop/drift.yaml' }],
        snapshots: [{ target: { account: 'default', region: 'us-east-1' }, snapshotted: 1 }],
      },
      {
        estates: estates({ 'estates/shop/drift.yaml': estateNamed('shop') }),
        artifacts: artifacts({ shop: DRIFTED.filter((s) => s.environment === 'us') }),
        store,
        defaultRegion: 'us-east-1',
        report: REPORTS.json,
        html: REPORTS.html,
        now: () => AT,
      },
    );
    expect(out.audited).toHaveLength(1);
    const states = await store.loadFindingStates('shop');
    expect(states.filter((st) => st.finding.kind === 'source-error').map((st) => [st.finding.environment, st.finding.message])).toEqual([
      ['eu', expect.stringContaining('no snapshot of eu in this run')],
    ]);
  });
});

describe('notify-run: one estate that cannot be notified stops no other', () => {
  test('the first estate’s file cannot be read: the second is still published, then the stage fails (so it is retried)', async () => {
    const { store } = await db.freshTable();
    const shop = estateFrom(
      estateYaml(
        ['us', 'eu'],
        'parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s }\n    pool: {}\nnotify:\n  sns: { minSeverity: low, onFirstRun: true }\n',
      ),
    );
    await recordAudit({
      store,
      estate: shop,
      result: audit(shop, DRIFTED, AT),
      runId: 'nightly-1',
      now: AT,
      keyId: 'k1',
      baseline: { file: 'drift.yaml', sha256: 'abc' },
    });
    const published: string[] = [];
    const publisher: EventPublisher = {
      publish: async (messages) => (published.push(...messages.map((m) => m.id)), { sent: messages.map((m) => m.id), failed: [] }),
    };
    const deps: NotifyRunDeps = {
      estates: estates({ 'estates/broken/drift.yaml': shop, 'estates/shop/drift.yaml': shop }, ['estates/broken/drift.yaml']),
      artifacts: artifacts({}),
      store,
      events: [{ name: 'sns', label: 'SNS', port: publisher }],
      digests: [
        {
          name: 'slack',
          label: 'Slack',
          port: async () => {
            throw new Error('no digest is due in this test');
          },
        },
      ],
      runIndex: (runId, names) => ({ body: `index of ${runId}: ${names.join(', ')}`, mediaType: 'text/html' }),
      now: () => AT,
    };
    const failure = await notifyRun(
      { runId: 'nightly-1', estates: [{ key: 'estates/broken/drift.yaml' }, { key: 'estates/shop/drift.yaml' }] },
      deps,
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(published.length).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(NotifyRunError);
    expect(failure).toMatchObject({ message: 'could not notify estates/broken/drift.yaml (NoSuchKey)' });
  });
});
