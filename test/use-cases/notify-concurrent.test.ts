import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import type { RunArtifacts } from '../../lambdas/ports/run-artifacts';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import type { EventPublisher } from '../../lambdas/ports/event-publisher';
import { event, finding } from '../adapters/dynamodb/fixtures';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml } from '../helpers/estate';

const db = useDynalite();
const estate = estateFrom(estateYaml(['us']));
const NOW = new Date('2026-11-24T09:00:00Z');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** notify-run's dependencies over one store; `send` is the digest channel's delivery. */
function depsWith(store: AuditStore, send: () => Promise<void>): NotifyRunDeps {
  return {
    estates: {
      listKeys: async () => ['estates/shop/drift.yaml'],
      load: async (ref) => ({ ref, estate, baseline: { file: ref.key, sha256: 'abc' } }),
    },
    artifacts: {
      getReport: async () => ({ findings: [], suppressed: [] }),
      getHtmlReport: async () => undefined,
    } as unknown as RunArtifacts,
    runIndex: () => ({ body: '', mediaType: 'text/html' }),
    store,
    events: [{ name: 'sns', label: 'SNS', port: { publish: async () => ({ sent: [], failed: [] }) } }],
    digests: [{ name: 'slack', label: 'Slack', port: async () => ({ send }) as never }],
    now: () => NOW,
  };
}

describe('two runs notified at once (a nightly and a targeted run)', () => {
  test('send the digest once: the second finds the first sending, then the window moved', async () => {
    const { store } = await db.freshTable();
    let sent = 0;
    const slowSend = async () => {
      sent++;
      await pause(50);
    };
    const [a, b] = await Promise.all([
      notifyRun({ runId: 'nightly-1', estates: [{ key: 'estates/shop/drift.yaml' }] }, depsWith(store, slowSend)),
      notifyRun({ runId: 'targeted-1', estates: [{ key: 'estates/shop/drift.yaml' }] }, depsWith(store, slowSend)),
    ]);
    expect(sent).toBe(1);
    expect([a.slack[0]?.sent, b.slack[0]?.sent].sort()).toEqual([false, true]);
    expect(await store.getMarker(estate.name, 'slack-digest')).toBe(NOW.toISOString());
  });

  test('publish each SNS event once: the second finds the first publishing', async () => {
    const { store } = await db.freshTable();
    await store.putMarker(estate.name, 'sns-first-run-until', '2026-11-20T00:00:00.000Z');
    for (const id of ['e1', 'e2'])
      await store.appendEvent(estate.name, event(id, '2026-11-24T02:00:00.000Z', { finding: finding(`f-${id}`, { estate: estate.name }) }));
    const published: string[] = [];
    const slowPublisher: EventPublisher = {
      publish: async (messages) => {
        published.push(...messages.map((m) => m.id));
        await pause(50);
        return { sent: messages.map((m) => m.id), failed: [] };
      },
    };
    const notify = (runId: string) =>
      notifyRun(
        { runId, estates: [{ key: 'estates/shop/drift.yaml' }] },
        { ...depsWith(store, async () => {}), events: [{ name: 'sns', label: 'SNS', port: slowPublisher }] },
      );
    await Promise.all([notify('nightly-1'), notify('targeted-1')]);
    expect(published.sort()).toEqual(['e1', 'e2']);
  });

  test('an event a targeted run records while a nightly publishes, after its list: the nightly publishes it before it is done', async () => {
    const { store } = await db.freshTable();
    await store.putMarker(estate.name, 'sns-first-run-until', '2026-11-20T00:00:00.000Z');
    await store.appendEvent(estate.name, event('e1', '2026-11-24T02:00:00.000Z', { finding: finding('f-e1', { estate: estate.name }) }));
    const ref = { key: 'estates/shop/drift.yaml' };
    const published: string[] = [];
    let targeted: Promise<unknown> | undefined;
    const publisher: EventPublisher = {
      publish: async (messages) => {
        published.push(...messages.map((m) => m.id));
        if (!targeted) {
          // While the nightly holds the lease: a change's run records its finding, and its notifier finds the lease taken.
          await store.appendEvent(
            estate.name,
            event('e2', '2026-11-24T08:59:00.000Z', { finding: finding('f-e2', { estate: estate.name }) }),
          );
          targeted = notifyRun(
            { runId: 'targeted-1', estates: [ref] },
            { ...depsWith(store, async () => {}), events: [{ name: 'sns', label: 'SNS', port: publisher }] },
          );
          expect(await targeted).toMatchObject({ sns: { sent: 0 } });
        }
        return { sent: messages.map((m) => m.id), failed: [] };
      },
    };
    const nightly = await notifyRun(
      { runId: 'nightly-1', estates: [ref] },
      { ...depsWith(store, async () => {}), events: [{ name: 'sns', label: 'SNS', port: publisher }] },
    );
    expect(published).toEqual(['e1', 'e2']);
    expect(nightly.sns.sent).toBe(2);
  });

  test('a digest that failed gives the lease back: the stage retried sends it', async () => {
    const { store } = await db.freshTable();
    const failing = async () => {
      throw new Error('Slack answered 500');
    };
    const first = await notifyRun({ runId: 'nightly-1', estates: [{ key: 'estates/shop/drift.yaml' }] }, depsWith(store, failing));
    expect(first.slack[0]).toMatchObject({ sent: false, failed: true });
    let sent = 0;
    const retried = await notifyRun(
      { runId: 'nightly-1', estates: [{ key: 'estates/shop/drift.yaml' }] },
      depsWith(store, async () => void sent++),
    );
    expect(sent).toBe(1);
    expect(retried.slack[0]?.sent).toBe(true);
  });

  test('a stage killed while it held the leases (the function timed out): its retry, the same run, sends; another run still waits', async () => {
    const { store } = await db.freshTable();
    await store.putMarker(estate.name, 'sns-first-run-until', '2026-11-20T00:00:00.000Z');
    await store.appendEvent(estate.name, event('e1', '2026-11-24T02:00:00.000Z', { finding: finding('f-e1', { estate: estate.name }) }));
    const ref = { key: 'estates/shop/drift.yaml' };
    // The first attempt hangs in SNS until Lambda ends it: nothing after that line runs, so no lease is given back.
    const hung: EventPublisher = { publish: () => new Promise(() => {}) };
    const killed = notifyRun(
      { runId: 'nightly-1', estates: [ref] },
      { ...depsWith(store, async () => {}), events: [{ name: 'sns', label: 'SNS', port: hung }] },
    );
    await Promise.race([killed, pause(200)]);

    const published: string[] = [];
    const publisher: EventPublisher = {
      publish: async (messages) => (published.push(...messages.map((m) => m.id)), { sent: messages.map((m) => m.id), failed: [] }),
    };
    const working = (at: Date): NotifyRunDeps => ({
      ...depsWith(store, async () => {}),
      events: [{ name: 'sns', label: 'SNS', port: publisher }],
      now: () => at,
    });
    // Another run a minute later finds the lease taken: it may still be working.
    const other = await notifyRun({ runId: 'targeted-1', estates: [ref] }, working(new Date(NOW.getTime() + 60_000)));
    expect(other.sns.sent).toBe(0);
    // Step Functions retries the stage (same run, same input) seconds after the timeout: it sends.
    const retried = await notifyRun({ runId: 'nightly-1', estates: [ref] }, working(new Date(NOW.getTime() + 70_000)));
    expect(published).toEqual(['e1']);
    expect(retried.sns.sent).toBe(1);
  });

  test('a stage killed while it posted the digest: its retry, the same run, posts it; another run does not', async () => {
    const { store } = await db.freshTable();
    const ref = { key: 'estates/shop/drift.yaml' };
    const killed = notifyRun(
      { runId: 'nightly-1', estates: [ref] },
      depsWith(store, () => new Promise(() => {})),
    );
    await Promise.race([killed, pause(200)]);
    const posts: string[] = [];
    const retry = (runId: string, at: Date) =>
      notifyRun({ runId, estates: [ref] }, { ...depsWith(store, async () => void posts.push(runId)), now: () => at });
    expect((await retry('targeted-1', new Date(NOW.getTime() + 60_000))).slack[0]?.sent).toBe(false);
    expect((await retry('nightly-1', new Date(NOW.getTime() + 70_000))).slack[0]?.sent).toBe(true);
    expect(posts).toEqual(['nightly-1']);
  });

  test('a digest that went stays sent when marking its events fails: a later run does not post it again', async () => {
    const { store } = await db.freshTable();
    await store.appendEvent(estate.name, event('e1', '2026-11-24T02:00:00.000Z', { finding: finding('f-e1', { estate: estate.name }) }));
    let refusals = 1;
    const flaky = Object.create(store) as AuditStore;
    flaky.markEventSent = async (...args) => {
      if (args[2] === 'slack' && refusals-- > 0) throw new Error('ProvisionedThroughputExceededException');
      return store.markEventSent(...args);
    };
    const posts: number[] = [];
    const deps = (at: Date): NotifyRunDeps => ({ ...depsWith(flaky, async () => void posts.push(at.getTime())), now: () => at });
    const ref = { key: 'estates/shop/drift.yaml' };
    await notifyRun({ runId: 'nightly-1', estates: [ref] }, deps(NOW));
    // A targeted run an hour later, before the next window.
    await notifyRun({ runId: 'targeted-1', estates: [ref] }, deps(new Date(NOW.getTime() + 3_600_000)));
    expect(posts).toEqual([NOW.getTime()]);
  });
});
