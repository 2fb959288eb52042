import { audit } from '../../lambdas/core/engine/audit';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../helpers/estate';

const db = useDynalite();

const estate = estateFrom(
  estateYaml(
    ['us', 'eu'],
    'parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s }\n    pool: {}\n',
  ),
);
const DRIFTED = { us: { values: { 'db.timeout': '60s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '10' } } };
const FIXED = { us: { values: { 'db.timeout': '10s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '20' } } };

let day = 0;
async function run(
  store: AuditStore,
  given: Record<string, SourceGiven>,
  runId = `run-${++day}`,
  at = new Date(Date.UTC(2026, 10, 1 + day, 2)),
) {
  const result = audit(
    estate,
    Object.entries(given).map(([env, g]) => snapshot(env, g)),
    at,
  );
  return recordAudit({ store, estate, result, runId, now: at, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
}

const lines = (fs: Array<{ kind: string; environment?: string; group?: string; key?: string; status?: string }>) =>
  fs.map((f) => `${f.kind} ${f.environment ?? f.group} ${f.key} ${f.status ?? ''}`.trim()).sort();

describe('recording audits in DynamoDB (dynalite)', () => {
  test('new → open → resolved with a reason → reopened as a new episode, one event each', async () => {
    const { store } = await db.freshTable();
    const r1 = await run(store, DRIFTED);
    expect(lines(r1.result.findings)).toEqual(['mismatch us db.timeout new', 'parity g pool new']);
    const r2 = await run(store, DRIFTED);
    expect(lines(r2.result.findings)).toEqual(['mismatch us db.timeout open', 'parity g pool open']);
    expect(r2.events).toEqual([]);
    const r3 = await run(store, FIXED);
    expect(r3.result.resolved.map((f) => [f.kind, f.reason])).toEqual(
      expect.arrayContaining([
        ['mismatch', 'value fixed'],
        ['parity', 'value fixed'],
      ]),
    );
    expect(lines(r3.result.findings)).toEqual(['changed eu pool', 'changed us db.timeout']);
    const r4 = await run(store, DRIFTED);
    expect(lines(r4.result.findings.filter((f) => f.kind !== 'changed'))).toEqual(['mismatch us db.timeout new', 'parity g pool new']);

    const events = await store.listEvents(estate.name);
    const lifecycle = events.filter((e) => e.event !== 'changed').map((e) => `${e.event} ${e.finding.kind} ${e.episode}`);
    expect(lifecycle.sort()).toEqual(
      ['opened mismatch 1', 'opened mismatch 2', 'opened parity 1', 'opened parity 2', 'resolved mismatch 1', 'resolved parity 1'].sort(),
    );
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  test('skipped environments and failed sources carry their findings forward', async () => {
    const { store } = await db.freshTable();
    await run(store, DRIFTED);
    const onlyEu = await run(store, { eu: FIXED.eu });
    expect(onlyEu.result.resolved).toEqual([]);
    const usFailed = await run(store, { us: { values: {}, errors: ['AccessDenied'] }, eu: FIXED.eu });
    expect(usFailed.result.resolved).toEqual([]);
    const states = await store.loadFindingStates(estate.name);
    expect(states.filter((s) => s.finding.kind !== 'source-error').every((s) => s.status === 'open')).toBe(true);
  });

  test('an unchanged re-run writes a small constant number of items', async () => {
    const { store } = await db.freshTable();
    await run(store, DRIFTED);
    const before = store.stats().writes;
    await run(store, DRIFTED);
    const unchanged = store.stats().writes - before;
    const wide = await db.freshTable();
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, `${i}`]));
    await run(wide.store, { us: { values: { ...many, 'db.timeout': '60s' } }, eu: { values: many } });
    const w0 = wide.store.stats().writes;
    await run(wide.store, { us: { values: { ...many, 'db.timeout': '60s' } }, eu: { values: many } });
    expect(wide.store.stats().writes - w0).toBe(unchanged);
    expect(unchanged).toBeLessThanOrEqual(4);
  });

  test('re-running the same run id changes nothing and reports the same statuses', async () => {
    const { store, scan } = await db.freshTable();
    const a = await run(store, DRIFTED, 'nightly-7', new Date('2026-12-07T02:00:00Z'));
    const items = await scan();
    const b = await run(store, DRIFTED, 'nightly-7', new Date('2026-12-07T02:30:00Z'));
    expect(await scan()).toEqual(items);
    expect(lines(b.result.findings)).toEqual(lines(a.result.findings));
    expect(b.events).toEqual([]);
  });

  test('a run that records after a later run stored what it read is carried there: it reopens nothing, reports no change back', async () => {
    const { store } = await db.freshTable();
    await run(store, DRIFTED, 'night-1', new Date('2026-12-01T02:00:00Z'));
    // The nightly run reads at 02:00 and audits slowly; the value is fixed, and a targeted run reads and records it at 02:04.
    const targeted = await run(store, FIXED, 'targeted', new Date('2026-12-02T02:04:00Z'));
    expect(targeted.result.resolved.map((f) => f.kind).sort()).toEqual(['mismatch', 'parity']);
    const late = await run(store, DRIFTED, 'night-2', new Date('2026-12-02T02:00:00Z'));
    const events = await store.listEvents(estate.name);
    expect(events.filter((e) => e.runId === 'night-2')).toEqual([]);
    expect(late.events).toEqual([]);
    expect(late.result.findings.filter((f) => f.kind === 'changed')).toEqual([]);
    const states = await store.loadFindingStates(estate.name);
    expect(states.map((st) => `${st.finding.kind} ${st.status} ${st.episode}`).sort()).toEqual([
      'mismatch resolved 1',
      'parity resolved 1',
    ]);
    // The stored snapshots stay the targeted run's: the next run compares with what was fixed.
    const next = await run(store, FIXED, 'night-3', new Date('2026-12-03T02:00:00Z'));
    expect(next.result.findings.filter((f) => f.kind === 'changed')).toEqual([]);
  });

  test('two overlapping runs neither lose nor duplicate a lifecycle event', async () => {
    const { store } = await db.freshTable();
    const at = new Date('2026-12-10T02:00:00Z');
    const [x, y] = await Promise.all([
      run(store, DRIFTED, 'overlap-a', at),
      run(store, DRIFTED, 'overlap-b', new Date(at.getTime() + 1000)),
    ]);
    const opened = (await store.listEvents(estate.name)).filter((e) => e.event === 'opened');
    expect(opened.map((e) => e.finding.kind).sort()).toEqual(['mismatch', 'parity']);
    // Each finding is new in exactly one of the two runs.
    const fresh = [...x.result.findings, ...y.result.findings].filter((f) => f.status === 'new').map((f) => f.kind);
    expect(fresh.sort()).toEqual(['mismatch', 'parity']);

    const [p, q] = await Promise.all([
      run(store, FIXED, 'overlap-c', new Date('2026-12-11T02:00:00Z')),
      run(store, FIXED, 'overlap-d', new Date('2026-12-11T02:00:01Z')),
    ]);
    const resolved = (await store.listEvents(estate.name)).filter((e) => e.event === 'resolved');
    expect(resolved.map((e) => e.finding.kind).sort()).toEqual(['mismatch', 'parity']);
    expect(p.result.resolved.length + q.result.resolved.length).toBe(2);
  });
});
