import { audit } from '../../lambdas/core/engine/audit';
import { eventId } from '../../lambdas/core/lifecycle/plan-lifecycle';
import { publishEvents } from '../../lambdas/use-cases/publish-events';
import { type EventPublisher } from '../../lambdas/ports/event-publisher';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import type { AuditStore, LifecycleEvent } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../helpers/estate';

// A Lambda killed (timeout, out of memory) between two writes of one run, then the next night's
// run under a new run id: no lifecycle event may be lost, none logged twice.

const db = useDynalite();

const KEYS = 'baseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s }\n    pool: {}\n';
const estate = estateFrom(
  estateYaml(
    ['us', 'eu'],
    `parity:\n  - { name: g, environments: [us, eu] }\n${KEYS}notify:\n  sns: { minSeverity: low, onFirstRun: true }\n`,
  ),
);
const raised = estateFrom(
  estateYaml(
    ['us', 'eu'],
    `parity:\n  - { name: g, environments: [us, eu] }\n${KEYS.replace('value: 10s }', 'value: 10s, severity: critical }')}notify:\n  sns: { minSeverity: low, onFirstRun: true }\n`,
  ),
);
const FIXED = { us: { values: { 'db.timeout': '10s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '20' } } };
const DRIFTED = { us: { values: { 'db.timeout': '60s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '10' } } };

const night = (n: number) => new Date(Date.UTC(2026, 10, n, 2));
async function run(store: AuditStore, given: Record<string, SourceGiven>, runId: string, at: Date, e = estate) {
  const result = audit(
    e,
    Object.entries(given).map(([env, g]) => snapshot(env, g)),
    at,
  );
  return recordAudit({ store, estate: e, result, runId, now: at, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
}

/** The store, except that the first call of `method` that `when` picks throws, as the run dies right there. */
function killedAt<M extends 'appendEvent' | 'clearPendingEvent' | 'saveSnapshot'>(
  store: AuditStore,
  method: M,
  when: (...args: Parameters<AuditStore[M]>) => boolean,
): AuditStore {
  let armed = true;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== method) return typeof v === 'function' ? v.bind(target) : v;
      return async (...args: Parameters<AuditStore[M]>) => {
        if (armed && when(...args)) {
          armed = false;
          throw Object.assign(new Error('Task timed out after 600.00 seconds'), { name: 'Sandbox.Timedout' });
        }
        return (target[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      };
    },
  });
}

const isOpened = (kind: string) => (_estate: string, e: LifecycleEvent) => e.event === 'opened' && e.finding.kind === kind;
const lines = (events: LifecycleEvent[]) =>
  events.map((e) => `${e.event} ${e.finding.kind} ${e.finding.environment ?? e.finding.group} ${e.runId}`).sort();

/** A topic that takes every message; what it took, by event line, in order. */
function topic(): EventPublisher & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    publish: async (messages) => {
      for (const m of messages) {
        const body = JSON.parse(m.body) as { event: string; kind: string; eventId: string };
        sent.push(`${body.event} ${body.kind} ${body.eventId}`);
      }
      return { sent: messages.map((m) => m.id), failed: [] };
    },
  };
}

describe('lifecycle events survive a run killed between two writes (dynalite)', () => {
  test('killed between a state and its `opened`: the next run (a new run id) logs that event with its own id, run and time, and the night’s `changed` reports', async () => {
    const { store } = await db.freshTable();
    await run(store, FIXED, 'n1', night(1));
    await expect(run(killedAt(store, 'appendEvent', isOpened('mismatch')), DRIFTED, 'n2', night(2))).rejects.toThrow('Task timed out');
    const mismatch = (await store.loadFindingStates(estate.name)).find((s) => s.finding.kind === 'mismatch')!;
    expect(mismatch.status).toBe('open');
    expect((await store.listEvents(estate.name)).filter((e) => e.finding.id === mismatch.id)).toEqual([]);

    const next = await run(store, DRIFTED, 'n3', night(3));
    const log = await store.listEvents(estate.name);
    expect(lines(log)).toEqual(['changed changed eu n2', 'changed changed us n2', 'opened mismatch us n2', 'opened parity g n2']);
    const opened = log.find((e) => e.finding.id === mismatch.id)!;
    expect(opened).toMatchObject({ eventId: eventId(mismatch.id, 1, 'opened'), episode: 1, at: night(2).toISOString() });
    expect(next.events.map((e) => e.eventId)).toEqual([opened.eventId]);
    expect((await store.loadFindingStates(estate.name)).every((s) => s.pendingEvent === undefined)).toBe(true);

    // SNS sends each logged event once: the ticket is opened, and closed only after that.
    const sns = topic();
    await publishEvents({ channel: 'sns', store, estate, publisher: sns, now: night(3), runId: 'n3' });
    await run(store, FIXED, 'n4', night(4));
    await publishEvents({ channel: 'sns', store, estate, publisher: sns, now: night(4), runId: 'n4' });
    expect(sns.sent.filter((s) => s.includes('mismatch'))).toEqual([
      `opened mismatch ${opened.eventId}`,
      `resolved mismatch ${eventId(mismatch.id, 1, 'resolved')}`,
    ]);
    expect(sns.sent).toHaveLength(4);
  });

  test('killed between a raised severity and its `escalated`: the next run logs it', async () => {
    const { store } = await db.freshTable();
    await run(store, DRIFTED, 'n1', night(1));
    await expect(
      run(
        killedAt(store, 'appendEvent', (_e, ev) => ev.event === 'escalated'),
        DRIFTED,
        'n2',
        night(2),
        raised,
      ),
    ).rejects.toThrow();
    await run(store, DRIFTED, 'n3', night(3), raised);
    const mismatch = (await store.loadFindingStates(estate.name)).find((s) => s.finding.kind === 'mismatch')!;
    const escalated = (await store.listEvents(estate.name)).filter((e) => e.event === 'escalated');
    expect(escalated).toEqual([
      expect.objectContaining({ eventId: eventId(mismatch.id, 1, 'escalated:critical'), runId: 'n2', episode: 1 }),
    ]);
  });

  test('killed between a `resolved` and forgetting it is owed: the next run logs nothing twice', async () => {
    const { store } = await db.freshTable();
    await run(store, DRIFTED, 'n1', night(1));
    await expect(
      run(
        killedAt(store, 'clearPendingEvent', () => true),
        FIXED,
        'n2',
        night(2),
      ),
    ).rejects.toThrow();
    const before = await store.listEvents(estate.name);
    const next = await run(store, FIXED, 'n3', night(3));
    expect(next.events).toEqual([]);
    expect(await store.listEvents(estate.name)).toEqual(before);
    expect(lines(before.filter((e) => e.event !== 'changed'))).toEqual([
      'opened mismatch us n1',
      'opened parity g n1',
      'resolved mismatch us n2',
      'resolved parity g n2',
    ]);
    expect((await store.loadFindingStates(estate.name)).every((s) => s.pendingEvent === undefined)).toBe(true);
  });

  test('killed after the `changed` reports and before the snapshot moved: the next run finds the change again and logs it once', async () => {
    const { store } = await db.freshTable();
    await run(store, DRIFTED, 'n1', night(1));
    await expect(
      run(
        killedAt(store, 'saveSnapshot', (_e, s) => s.environment === 'us'),
        FIXED,
        'n2',
        night(2),
      ),
    ).rejects.toThrow();
    const next = await run(store, FIXED, 'n3', night(3));
    expect(next.result.findings.filter((f) => f.kind === 'changed').map((f) => f.environment)).toEqual(['us']);
    expect(next.events.filter((e) => e.event === 'changed')).toEqual([]);
    const changed = (await store.listEvents(estate.name)).filter((e) => e.event === 'changed');
    expect(lines(changed)).toEqual(['changed changed eu n2', 'changed changed us n2']);
  });
});
