import { audit, type AuditResult } from '../../lambdas/core/engine/audit';
import type { Digest } from '../../lambdas/core/digest/digest-model';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { sendDigest } from '../../lambdas/use-cases/send-digest';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

// Two runs that overlap (a nightly run and a targeted run a change event started, or an audit stage
// retried): the slower one logs its events after a digest went, with the time its run started.

const db = useDynalite();
const estate = estateFrom(
  estateYaml(
    ['us'],
    'baseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, severity: high }\n    pool: { type: int, value: 20, severity: high }\n',
  ),
);
const at = (day: number, hhmm: string): Date => new Date(`2026-11-${day}T${hhmm}:00.000Z`);

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

/** Audits `values` for a run that started at `started`; its audit stage records it at `recordedAt` (the clock then). */
async function runRecordedAt(
  store: AuditStore,
  runId: string,
  started: Date,
  recordedAt: Date,
  values: Record<string, string>,
): Promise<AuditResult> {
  jest.setSystemTime(recordedAt);
  const result = audit(estate, [snapshot('us', { values })], started);
  const recorded = await recordAudit({
    store,
    estate,
    result,
    runId,
    now: started,
    keyId: 'k1',
    baseline: { file: 'drift.yaml', sha256: 'abc' },
  });
  return recorded.result;
}

async function digestAt(store: AuditStore, now: Date, result: AuditResult): Promise<Digest | undefined> {
  jest.setSystemTime(now);
  let sent: Digest | undefined;
  await sendDigest({ channel: 'slack', estate, result, store, now, sink: { send: async (m) => void (sent = m.digest) } });
  return sent;
}

const newTitles = (d: Digest | undefined): string[] =>
  (d?.sections ?? []).filter((s) => s.title.startsWith('New') && s.lines.length > 0).map((s) => s.title);
const newText = (d: Digest | undefined): string => JSON.stringify((d?.sections ?? []).filter((s) => s.title.startsWith('New')));

describe('an event logged after a digest by a run that started before it', () => {
  test('is new in the next digest', async () => {
    const { store } = await db.freshTable();
    const clean = { 'db.timeout': '10s', pool: '20' };
    const nightly = await runRecordedAt(store, 'nightly-1', at(24, '02:00'), at(24, '02:05'), clean);
    expect(newTitles(await digestAt(store, at(24, '08:00'), nightly))).toEqual([]);
    // A targeted run started at 07:58 by a change event; its audit stage logs at 08:03, after the digest.
    await runRecordedAt(store, 'targeted-1', at(24, '07:58'), at(24, '08:03'), { 'db.timeout': '60s', pool: '20' });
    const next = await runRecordedAt(store, 'nightly-2', at(25, '02:00'), at(25, '02:05'), { 'db.timeout': '60s', pool: '20' });
    const digest = await digestAt(store, at(25, '08:00'), next);
    expect(newTitles(digest)).toEqual(['New (1)']);
    expect(newText(digest)).toContain('db.timeout');
    // And only there: the digest after it does not list it again.
    const third = await runRecordedAt(store, 'nightly-3', at(26, '02:00'), at(26, '02:05'), { 'db.timeout': '60s', pool: '20' });
    expect(newTitles(await digestAt(store, at(26, '08:00'), third))).toEqual([]);
  });

  test('one the digest listed and failed to mark is not posted again by the next digests, however late it was logged', async () => {
    const { store } = await db.freshTable();
    const drifted = { 'db.timeout': '60s', pool: '20' };
    const clean = await runRecordedAt(store, 'nightly-1', at(24, '02:00'), at(24, '02:05'), { 'db.timeout': '10s', pool: '20' });
    await digestAt(store, at(24, '08:00'), clean);
    // Logged at 08:30 for a run that started at 07:58; the next digest lists it, and every mark it makes fails.
    const late = await runRecordedAt(store, 'targeted-1', at(24, '07:58'), at(24, '08:30'), drifted);
    const unmarked = Object.create(store) as AuditStore;
    unmarked.markEventSent = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    jest.setSystemTime(at(25, '08:00'));
    let listed: Digest | undefined;
    await sendDigest({
      channel: 'slack',
      estate,
      result: late,
      store: unmarked,
      now: at(25, '08:00'),
      sink: { send: async (m) => void (listed = m.digest) },
    });
    expect(newTitles(listed)).toEqual(['New (1)']);
    for (const day of [26, 27])
      expect(
        newTitles(
          await digestAt(store, at(day, '08:00'), await runRecordedAt(store, `n-${day}`, at(day, '02:00'), at(day, '02:05'), drifted)),
        ),
      ).toEqual([]);
  });
});
