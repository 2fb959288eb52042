import { findingFactory } from '../../lambdas/core/engine/finding-factory';
import type { LifecycleEvent } from '../../lambdas/core/lifecycle/model';
import type { RunArtifacts } from '../../lambdas/ports/run-artifacts';
import type { Notification } from '../../lambdas/ports/sink';
import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml } from '../helpers/estate';

const db = useDynalite();
const ALICE = 'arn:aws:iam::1:user/alice';

async function loggedChange(store: NotifyRunDeps['store'], estate: string, key = 'db.timeout', n = 1): Promise<void> {
  const make = findingFactory(estate);
  const changed: LifecycleEvent = {
    eventId: `changed-${n}`,
    event: 'changed',
    runId: 'run-2',
    at: '2026-11-24T09:00:00.000Z',
    finding: make({
      kind: 'changed',
      environment: 'us',
      key,
      subject: key,
      expected: '10s',
      actual: '60s',
      message: 'c',
      outOfBand: true,
      changedBy: ALICE,
    }),
  };
  const opened: LifecycleEvent = {
    eventId: `opened-${n}`,
    event: 'opened',
    runId: 'run-2',
    at: '2026-11-24T09:00:00.000Z',
    episode: 1,
    finding: make({
      kind: 'mismatch',
      severity: 'high',
      environment: 'us',
      key,
      subject: key,
      expected: '10s',
      actual: '60s',
      message: 'm',
    }),
  };
  await store.appendEvent(estate, changed);
  await store.appendEvent(estate, opened);
}

/** notify-run over `estate` and `store`, immediate messages going to `send`. */
function depsFor(
  store: NotifyRunDeps['store'],
  estate: ReturnType<typeof estateFrom>,
  send: (n: Notification) => Promise<void>,
): NotifyRunDeps {
  return {
    estates: { listKeys: async () => [], load: async (ref) => ({ ref, estate, baseline: { file: ref.key, sha256: 'abc' } }) },
    artifacts: { getReport: async () => undefined, getHtmlReport: async () => undefined } as unknown as RunArtifacts,
    runIndex: () => ({ body: '', mediaType: 'text/html' }),
    store,
    events: [{ name: 'sns', label: 'SNS', port: { publish: async () => ({ sent: [], failed: [] }) } }],
    digests: [{ name: 'slack', label: 'Slack', port: async () => ({ send: async () => undefined }) }],
    immediates: [{ name: 'slack', label: 'Slack', port: async () => ({ send }) }],
    now: () => new Date('2026-11-24T09:01:00Z'),
  };
}

describe('notify-run sends immediate messages once, through their own channel', () => {
  test('sent at once, marked on slack-immediate (the digest still has it), and never again; a refusal is tried next run', async () => {
    const { store } = await db.freshTable();
    const estate = estateFrom(estateYaml(['us']));
    await loggedChange(store, estate.name);
    const sent: Notification[] = [];
    let refuse = true;
    const deps = depsFor(store, estate, async (n) => {
      if (refuse) throw new Error('slack webhook answered 500');
      sent.push(n);
    });
    const input = { runId: 'run-2', estates: [{ key: 'estates/shop/drift.yaml' }] };

    const failed = await notifyRun(input, deps);
    expect(failed.immediate).toEqual({ sent: 0, failed: 1 });
    refuse = false;
    const first = await notifyRun(input, deps);
    expect(first.immediate).toEqual({ sent: 1, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'immediate', notice: { key: 'db.timeout', by: ALICE, from: '10s', to: '60s' } });
    const events = await store.listEvents(estate.name);
    const opened = events.find((e) => e.eventId === 'opened-1')!;
    expect(opened.sent?.['slack-immediate']).toBe('2026-11-24T09:01:00.000Z');
    expect(opened.sent?.slack).toBeUndefined(); // the digest still lists it

    const again = await notifyRun(input, deps);
    expect(again.immediate).toEqual({ sent: 0, failed: 0 });
    expect(sent).toHaveLength(1);
  });

  test('two runs notified at once send each immediate message once', async () => {
    const { store } = await db.freshTable();
    const estate = estateFrom(estateYaml(['us']));
    await loggedChange(store, estate.name);
    const sent: Notification[] = [];
    const deps = depsFor(store, estate, async (n) => {
      sent.push(n);
      await new Promise((r) => setTimeout(r, 50));
    });
    const estates = [{ key: 'estates/shop/drift.yaml' }];
    const [a, b] = await Promise.all([notifyRun({ runId: 'run-2', estates }, deps), notifyRun({ runId: 'run-3', estates }, deps)]);
    expect(sent).toHaveLength(1);
    expect(a.immediate.sent + b.immediate.sent).toBe(1);
  });

  test('a change a targeted run records while another run sends, after its list: the sender sends its message too', async () => {
    const { store } = await db.freshTable();
    const estate = estateFrom(estateYaml(['us']));
    await loggedChange(store, estate.name);
    const sent: Notification[] = [];
    const estates = [{ key: 'estates/shop/drift.yaml' }];
    let targeted: Awaited<ReturnType<typeof notifyRun>> | undefined;
    const deps = depsFor(store, estate, async (n) => {
      sent.push(n);
      if (targeted) return;
      // While this run holds the lease: a change's run records its finding, and its notifier finds the lease taken.
      await loggedChange(store, estate.name, 'pool', 2);
      targeted = await notifyRun({ runId: 'run-3', estates }, deps);
    });
    const first = await notifyRun({ runId: 'run-2', estates }, deps);
    expect(targeted?.immediate.sent).toBe(0);
    expect(sent.filter((n) => n.kind === 'immediate')).toHaveLength(2);
    expect(first.immediate.sent).toBe(2);
  });

  test('a run that takes the lease just after another sent does not send again, though the events index still lags', async () => {
    const { store } = await db.freshTable();
    const estate = estateFrom(estateYaml(['us']));
    await loggedChange(store, estate.name);
    // DynamoDB's index answers eventually: a moment after a mark, it may still list the event unmarked.
    const beforeTheMark = await store.listEvents(estate.name);
    const lagging = Object.assign(Object.create(store) as typeof store, { listEvents: async () => structuredClone(beforeTheMark) });
    const sent: Notification[] = [];
    const input = { runId: 'run-2', estates: [{ key: 'estates/shop/drift.yaml' }] };
    await notifyRun(
      input,
      depsFor(store, estate, async (n) => void sent.push(n)),
    );
    const second = await notifyRun(
      { ...input, runId: 'run-3' },
      depsFor(lagging, estate, async (n) => void sent.push(n)),
    );
    expect(sent.filter((n) => n.kind === 'immediate')).toHaveLength(1);
    expect(second.immediate.sent).toBe(0);
  });
});
