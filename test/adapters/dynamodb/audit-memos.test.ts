import type { AuditMemo } from '../../../lambdas/ports/audit-memo';
import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, T1, event, finding, noise, observation, snapshot } from './fixtures';

const dynalite = useDynalite();
const DAY_MS = 86_400_000;

const memo = (over: Partial<AuditMemo> = {}): AuditMemo => ({
  inputs: 'digest-1',
  runId: 'run-1',
  at: T1,
  holdsUntil: '2026-11-24T23:59:59.999Z',
  flags: 'flags-1',
  snapshots: { 'production-us\u0000src-ssm-1': 'h1' },
  environments: ['production-us'],
  findings: [finding()],
  suppressed: [],
  summary: { bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, byKind: { mismatch: 1 }, rulesSkipped: 0 },
  ...over,
});

describe('the audit memo', () => {
  test('kept as one item per estate, read back as written, replaced by the next', async () => {
    const { store } = await dynalite.freshTable();
    expect(await store.getAuditMemo(ESTATE)).toBeUndefined();
    expect(await store.putAuditMemo(ESTATE, memo())).toBe(true);
    expect(await store.getAuditMemo(ESTATE)).toEqual(memo());
    expect(await store.putAuditMemo(ESTATE, memo({ runId: 'run-2' }))).toBe(true);
    expect((await store.getAuditMemo(ESTATE))?.runId).toBe('run-2');
    expect(await store.getAuditMemo('another-estate')).toBeUndefined();
  });

  test('one too big for an item, or none, forgets the old one: no run can reuse it', async () => {
    const { store } = await dynalite.freshTable();
    await store.putAuditMemo(ESTATE, memo());
    const huge = Array.from({ length: 400 }, (_, i) => finding(`f-${i}`, { message: noise(2_000, i + 1) }));
    expect(await store.putAuditMemo(ESTATE, memo({ findings: huge }))).toBe(false);
    expect(await store.getAuditMemo(ESTATE)).toBeUndefined();
    await store.putAuditMemo(ESTATE, memo());
    expect(await store.putAuditMemo(ESTATE, undefined)).toBe(false);
    expect(await store.getAuditMemo(ESTATE)).toBeUndefined();
  });

  test('snapshotHashes: every source’s current hash in one query', async () => {
    const { store } = await dynalite.freshTable();
    const obs = [observation('db.timeout', { kind: 'text', text: '10s' })];
    await store.saveSnapshot(ESTATE, snapshot('h1', obs), new Date(T1));
    await store.saveSnapshot(ESTATE, snapshot('h2', obs, { sourceKey: 'src-2', environment: 'production-eu' }), new Date(T1));
    const before = store.stats().reads;
    expect(await store.snapshotHashes(ESTATE)).toEqual(
      new Map([
        ['production-eu\u0000src-2', 'h2'],
        ['production-us\u0000src-ssm-1', 'h1'],
      ]),
    );
    expect(store.stats().reads - before).toBe(1);
  });
});

describe('housekeeping', () => {
  test('prunes what expired at most once per UTC day', async () => {
    const { store } = await dynalite.freshTable();
    await store.appendEvent(ESTATE, event('old', '2026-08-01T00:00:00Z'));
    const day = new Date(T1);
    expect(await store.housekeeping(day)).toBe(1);
    await store.appendEvent(ESTATE, event('older', '2026-07-01T00:00:00Z'));
    // Later the same day: nothing is scanned; the next day, it is.
    expect(await store.housekeeping(new Date(day.getTime() + 3_600_000))).toBe(0);
    expect(await store.housekeeping(new Date(day.getTime() + DAY_MS))).toBe(1);
    expect((await store.listEvents(ESTATE)).map((e) => e.eventId)).toEqual([]);
  });
});
