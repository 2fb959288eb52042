import type { AuditStore } from '../../lambdas/ports/audit-store';
import type { EventPublisher } from '../../lambdas/ports/event-publisher';
import type { RunArtifacts } from '../../lambdas/ports/run-artifacts';
import type { Notification } from '../../lambdas/ports/sink';
import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import { event, finding } from '../adapters/dynamodb/fixtures';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml } from '../helpers/estate';

const db = useDynalite();
const estate = estateFrom(estateYaml(['us']));
const NOW = new Date('2026-11-24T09:00:00Z');
const HOUR = 3_600_000;
const estates = [{ key: 'estates/shop/drift.yaml' }];

/** A digest channel that keeps what it was sent, refusing while `refuse` says so. */
function digestChannel(name: string, label: string) {
  const sent: Notification[] = [];
  const channel = { name, label, refuse: false, sent };
  const port = async () => ({
    send: async (n: Notification) => {
      if (channel.refuse) throw new Error(`${label} answered 500`);
      sent.push(n);
    },
  });
  return Object.assign(channel, { port });
}

/** notify-run over `store`, digests going to `digests`, events to `publishers`. */
function depsFor(
  store: AuditStore,
  at: Date,
  digests: Array<ReturnType<typeof digestChannel>>,
  publishers: Array<{ name: string; label: string; port: EventPublisher }> = [],
): NotifyRunDeps {
  return {
    estates: { listKeys: async () => [], load: async (ref) => ({ ref, estate, baseline: { file: ref.key, sha256: 'abc' } }) },
    artifacts: {
      getReport: async () => ({ findings: [], suppressed: [] }),
      getHtmlReport: async () => undefined,
    } as unknown as RunArtifacts,
    runIndex: () => ({ body: '', mediaType: 'text/html' }),
    store,
    events: publishers,
    digests: digests.map(({ name, label, port }) => ({ name, label, port })),
    now: () => at,
  };
}

describe('each notification channel keeps its own window and sent marks', () => {
  test("two digest channels: one that failed sends its digest next run, and the other's window has moved", async () => {
    const { store } = await db.freshTable();
    await store.appendEvent(estate.name, event('e1', '2026-11-24T02:00:00.000Z', { finding: finding('f-e1', { estate: estate.name }) }));
    const slack = digestChannel('slack', 'Slack');
    const teams = digestChannel('teams', 'Teams');
    teams.refuse = true;
    const failures: string[] = [];
    const first = depsFor(store, NOW, [slack, teams]);
    first.onDeliveryError = (channel, name, error) => void failures.push(`${channel} ${name}: ${error.message}`);
    await expect(notifyRun({ runId: 'nightly-1', estates }, first)).resolves.toMatchObject({
      slack: [
        { estate: estate.name, sent: true },
        { estate: estate.name, sent: false, failed: true },
      ],
    });
    expect(failures).toEqual([`teams ${estate.name}: Teams answered 500`]);

    // An hour later, before the next window: Teams sends the digest it owes, Slack nothing again.
    teams.refuse = false;
    const later = new Date(NOW.getTime() + HOUR);
    await notifyRun({ runId: 'targeted-1', estates }, depsFor(store, later, [slack, teams]));
    expect(slack.sent).toHaveLength(1);
    expect(teams.sent).toHaveLength(1);
    const [listed] = await store.listEvents(estate.name);
    expect(listed?.sent).toEqual({ slack: NOW.toISOString(), teams: later.toISOString() });
    expect(await store.getMarker(estate.name, 'slack-digest')).toBe(NOW.toISOString());
    expect(await store.getMarker(estate.name, 'teams-digest')).toBe(later.toISOString());
  });

  test("an installation's Slack window and SNS marks, as drift always stored them, are read where they are", async () => {
    const { store } = await db.freshTable();
    // What an earlier notify left: the digest window ended at NOW, and e1 published on SNS.
    await store.putMarker(estate.name, 'slack-digest', NOW.toISOString());
    await store.putMarker(estate.name, 'sns-first-run-until', '2026-11-20T00:00:00.000Z');
    await store.appendEvent(estate.name, event('e1', '2026-11-24T02:00:00.000Z', { finding: finding('f-e1', { estate: estate.name }) }));
    await store.markEventSent(estate.name, 'e1', 'sns', NOW.toISOString());
    const slack = digestChannel('slack', 'Slack');
    const published: string[] = [];
    const sns: EventPublisher = {
      publish: async (messages) => (published.push(...messages.map((m) => m.id)), { sent: messages.map((m) => m.id), failed: [] }),
    };
    const out = await notifyRun(
      { runId: 'targeted-1', estates },
      depsFor(store, new Date(NOW.getTime() + HOUR), [slack], [{ name: 'sns', label: 'SNS', port: sns }]),
    );
    expect(out).toMatchObject({ sns: { sent: 0, failed: 0 }, slack: [{ estate: estate.name, sent: false }] });
    expect(slack.sent).toEqual([]);
    expect(published).toEqual([]);
  });
});
