import { audit } from '../../lambdas/core/engine/audit';
import type { Digest } from '../../lambdas/core/digest/digest-model';
import type { Estate } from '../../lambdas/core/estate/model';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { sendDigest } from '../../lambdas/use-cases/send-digest';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

// The digest's Resolved section tells readers that what they were shown open is gone: it follows
// the episode's highest severity, not the one the finding had on the night it resolved.

const db = useDynalite();
const estateAt = (severity: string): Estate =>
  estateFrom(
    estateYaml(
      ['us'],
      `notify:\n  slack: { minSeverity: high }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, severity: ${severity} }\n`,
    ),
  );
const night = (day: number): Date => new Date(`2026-11-${day}T02:00:00.000Z`);
const morning = (day: number): Date => new Date(`2026-11-${day}T08:00:00.000Z`);

/** The store, except that logging the first `resolved` event fails, as the run dies right there. */
function killedBeforeLoggingResolved(store: AuditStore): AuditStore {
  let armed = true;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'appendEvent') return typeof v === 'function' ? v.bind(target) : v;
      const append: AuditStore['appendEvent'] = async (estate, event) => {
        if (armed && event.event === 'resolved') {
          armed = false;
          throw new Error('Task timed out after 600.00 seconds');
        }
        return target.appendEvent(estate, event);
      };
      return append;
    },
  });
}

/** Audits, records and sends the morning digest of `day`; returns its New and Resolved titles that have lines (`changed` is always shown). */
async function nightAndMorning(store: AuditStore, estate: Estate, day: number, timeout: string): Promise<string[]> {
  const result = audit(estate, [snapshot('us', { values: { 'db.timeout': timeout } })], night(day));
  const recorded = await recordAudit({
    store,
    estate,
    result,
    runId: `nightly-${day}`,
    now: night(day),
    keyId: 'k1',
    baseline: { file: 'drift.yaml', sha256: `sha-${day}` },
  });
  let sent: Digest | undefined;
  await sendDigest({
    channel: 'slack',
    estate,
    result: recorded.result,
    store,
    now: morning(day),
    sink: { send: async (m) => void (sent = m.digest) },
  });
  return (sent?.sections ?? []).filter((s) => s.lines.length > 0 && !s.title.startsWith('Changed')).map((s) => s.title);
}

describe('the Resolved section of the digest', () => {
  test('lists a finding shown open at the threshold that the baseline lowered below it before it resolved', async () => {
    const { store } = await db.freshTable();
    expect(await nightAndMorning(store, estateAt('high'), 24, '60s')).toEqual(['New (1)']);
    // The team lowers the key's severity: the finding stays open, now under the digest's threshold.
    expect(await nightAndMorning(store, estateAt('low'), 25, '60s')).toEqual([]);
    expect(await nightAndMorning(store, estateAt('low'), 26, '10s')).toEqual(['Resolved (1)']);
    // Said once: the next digest does not repeat it.
    expect(await nightAndMorning(store, estateAt('low'), 27, '10s')).toEqual([]);
  });

  test('lists one shown as escalated, then lowered again, when it resolves', async () => {
    const { store } = await db.freshTable();
    expect(await nightAndMorning(store, estateAt('low'), 24, '60s')).toEqual([]);
    expect(await nightAndMorning(store, estateAt('critical'), 25, '60s')).toEqual(['New (1)']);
    expect(await nightAndMorning(store, estateAt('medium'), 26, '60s')).toEqual([]);
    expect(await nightAndMorning(store, estateAt('medium'), 27, '10s')).toEqual(['Resolved (1)']);
  });

  test('never lists one that stayed under the threshold, nor a new episode of one that was shown before', async () => {
    const { store } = await db.freshTable();
    expect(await nightAndMorning(store, estateAt('low'), 24, '60s')).toEqual([]);
    expect(await nightAndMorning(store, estateAt('low'), 25, '10s')).toEqual([]);
    // Shown and resolved at high; then it comes back at low, a new episode no reader was shown.
    expect(await nightAndMorning(store, estateAt('high'), 26, '60s')).toEqual(['New (1)']);
    expect(await nightAndMorning(store, estateAt('high'), 27, '10s')).toEqual(['Resolved (1)']);
    expect(await nightAndMorning(store, estateAt('low'), 28, '60s')).toEqual([]);
    expect(await nightAndMorning(store, estateAt('low'), 29, '10s')).toEqual([]);
  });

  test('lists it when the run that resolved it died before logging the event, and the next run logged it', async () => {
    const { store } = await db.freshTable();
    expect(await nightAndMorning(store, estateAt('high'), 24, '60s')).toEqual(['New (1)']);
    expect(await nightAndMorning(store, estateAt('low'), 25, '60s')).toEqual([]);
    await expect(nightAndMorning(killedBeforeLoggingResolved(store), estateAt('low'), 26, '10s')).rejects.toThrow('timed out');
    expect(await nightAndMorning(store, estateAt('low'), 27, '10s')).toEqual(['Resolved (1)']);
  });
});
