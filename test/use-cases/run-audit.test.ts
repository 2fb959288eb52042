import type { LoadedEstate } from '../../lambdas/ports/estate-source';
import { runAudit, type CollectSnapshots } from '../../lambdas/use-cases/run-audit';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../helpers/estate';

const db = useDynalite();

const estate = estateFrom(
  estateYaml(
    ['us', 'eu'],
    'parity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s }\n    pool: {}\n',
  ),
);
const loaded: LoadedEstate = { ref: { key: 'drift.yaml' }, estate, baseline: { file: 'drift.yaml', sha256: 'abc' } };
const DRIFTED = { us: { values: { 'db.timeout': '60s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '10' } } };
const US_FAILS = { us: { errors: ['us.yml: not found'] }, eu: DRIFTED.eu };
const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');

const collected =
  (given: Record<string, SourceGiven>): CollectSnapshots =>
  async () => ({ snapshots: Object.entries(given).map(([env, g]) => snapshot(env, g)), keyId: 'k1' });

const lines = (fs: Array<{ kind: string; environment?: string; group?: string; key?: string; status?: string }>) =>
  fs.map((f) => `${f.kind} ${f.environment ?? f.group} ${f.key ?? ''} ${f.status ?? ''}`.replace(/ +/g, ' ').trim()).sort();

describe('runAudit: the one audit of the CLI and the Lambda', () => {
  test('without a store: what was collected, judged; nothing recorded, nothing carried', async () => {
    const out = await runAudit({ loaded, collect: collected(DRIFTED), now: T1 });
    expect(lines(out.report.findings)).toEqual(['mismatch us db.timeout', 'parity g pool']);
    expect(out.report).toBe(out.judged);
    expect(out.events).toEqual([]);
  });

  test('with a store: a source that fails on the next run keeps its open findings in the report, not among those judged', async () => {
    const { store } = await db.freshTable();
    const first = await runAudit({ loaded, collect: collected(DRIFTED), now: T1, record: { store, runId: 'run-1' } });
    expect(lines(first.report.findings)).toEqual(['mismatch us db.timeout new', 'parity g pool new']);
    expect(first.events.map((e) => e.event)).toEqual(['opened', 'opened']);
    expect((await store.getRun(estate.name, 'run-1'))?.baseline).toEqual(loaded.baseline);

    const second = await runAudit({ loaded, collect: collected(US_FAILS), now: T2, record: { store, runId: 'run-2' } });
    expect(lines(second.judged.findings)).toEqual(['source-error us new']);
    expect(lines(second.report.findings)).toEqual(['mismatch us db.timeout open', 'parity g pool open', 'source-error us new']);
    expect(second.report.findings.find((f) => f.kind === 'mismatch')?.firstSeen).toBe(T1.toISOString());
    expect(second.report.summary.byKind).toEqual({ mismatch: 1, parity: 1, 'source-error': 1 });
    expect(second.judged.resolved).toEqual([]);
  });
});
