import { audit } from '../../lambdas/core/engine/audit';
import type { Estate } from '../../lambdas/core/estate/model';
import { publishEvents } from '../../lambdas/use-cases/publish-events';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import type { EventPublisher } from '../../lambdas/ports/event-publisher';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

// One episode whose severity the baseline raises, lowers, then raises again (a reverted commit): the
// second rise is an escalation as much as the first. It was given the first one's event id
// (`escalated:<severity>` per episode), so the event log took it for a retry: no SNS message, and
// the digest did not say it escalated.

const db = useDynalite();

const estateAt = (severity: string): Estate =>
  estateFrom(
    estateYaml(
      ['us'],
      `notify:\n  sns: { minSeverity: high, onFirstRun: true }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, severity: ${severity} }\n`,
    ),
  );

async function run(store: AuditStore, severity: string, night: number): Promise<void> {
  const now = new Date(Date.UTC(2026, 10, night, 2));
  const estate = estateAt(severity);
  const result = audit(estate, [snapshot('us', { values: { 'db.timeout': '60s' } })], now);
  await recordAudit({ store, estate, result, runId: `n${night}`, now, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
}

/** A topic that takes every message: what it took, as `event severity eventId`. */
function topic(): EventPublisher & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    publish: async (messages) => {
      for (const m of messages) {
        const body = JSON.parse(m.body) as { event: string; severity: string; eventId: string };
        sent.push(`${body.event} ${body.severity} ${body.eventId}`);
      }
      return { sent: messages.map((m) => m.id), failed: [] };
    },
  };
}

describe('a severity raised again after it was lowered, in one episode', () => {
  test('is logged and published as an escalation of its own, once', async () => {
    const { store } = await db.freshTable();
    const sns = topic();
    const notify = (severity: string, night: number) =>
      publishEvents({
        channel: 'sns',
        store,
        estate: estateAt(severity),
        publisher: sns,
        now: new Date(Date.UTC(2026, 10, night, 3)),
        runId: `n${night}`,
      });

    await run(store, 'medium', 1);
    await notify('medium', 1);
    await run(store, 'critical', 2);
    await notify('critical', 2);
    await run(store, 'medium', 3);
    await notify('medium', 3);
    await run(store, 'critical', 4);
    await notify('critical', 4);
    // A retry of the last night changes nothing.
    await run(store, 'critical', 4);
    await notify('critical', 4);

    const escalations = (await store.listEvents('shop')).filter((e) => e.event === 'escalated');
    expect(escalations.map((e) => [e.runId, e.finding.severity])).toEqual([
      ['n2', 'critical'],
      ['n4', 'critical'],
    ]);
    expect(new Set(escalations.map((e) => e.eventId)).size).toBe(2);
    expect(sns.sent.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['escalated critical', 'escalated critical']);
  });
});
