import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import { NOTIFY_METRICS } from '../../lambdas/use-cases/metric-names';
import type { RunArtifacts } from '../../lambdas/ports/run-artifacts';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml } from '../helpers/estate';

const db = useDynalite();
const estate = estateFrom(estateYaml(['us']));

/** notify-run over one estate and `store`, counting into `counted`; `more` sets the channels and anything else. */
function depsFor(store: NotifyRunDeps['store'], counted: Record<string, number>, more: Partial<NotifyRunDeps>): NotifyRunDeps {
  return {
    estates: {
      listKeys: async () => ['estates/shop/drift.yaml'],
      load: async (ref) => ({ ref, estate, baseline: { file: ref.key, sha256: 'abc' } }),
    },
    artifacts: { getReport: async () => ({ findings: [] }), getHtmlReport: async () => undefined } as unknown as RunArtifacts,
    runIndex: () => ({ body: '', mediaType: 'text/html' }),
    store,
    events: [{ name: 'sns', label: 'SNS', port: { publish: async () => ({ sent: [], failed: [] }) } }],
    digests: [{ name: 'slack', label: 'Slack', port: async () => undefined }],
    now: () => new Date('2026-11-24T09:00:00Z'),
    count: (name, value) => void (counted[name] = (counted[name] ?? 0) + value),
    ...more,
  };
}

describe('notify-run counts what failed to go out, for the alarms', () => {
  test('a digest that could not be delivered is counted, as SNS publishes are', async () => {
    const { store } = await db.freshTable();
    const counted: Record<string, number> = {};
    const deps = depsFor(store, counted, {
      digests: [
        {
          name: 'slack',
          label: 'Slack',
          port: async () => {
            throw Object.assign(new Error('webhook secret not set'), { name: 'WebhookSecretError' });
          },
        },
      ],
    });
    const out = await notifyRun({ runId: 'nightly-1', estates: [{ key: 'estates/shop/drift.yaml' }] }, deps);
    expect(out.slack).toEqual([{ estate: estate.name, sent: false, failed: true }]);
    expect(counted).toEqual({
      [NOTIFY_METRICS.snsSent]: 0,
      [NOTIFY_METRICS.snsFailed]: 0,
      [NOTIFY_METRICS.digestsSent]: 0,
      [NOTIFY_METRICS.digestsFailed]: 1,
      [NOTIFY_METRICS.immediateSent]: 0,
      [NOTIFY_METRICS.immediateFailed]: 0,
    });
  });

  test('an estate whose immediate messages could not go is counted as ImmediateFailed', async () => {
    const { store } = await db.freshTable();
    const counted: Record<string, number> = {};
    // The read of the immediate messages' window (the last 24 hours) is refused; SNS and the digest read theirs.
    const failing = Object.create(store) as typeof store;
    failing.listEvents = async (name, since) => {
      if (since === '2026-11-23T09:00:00.000Z') throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      return store.listEvents(name, since);
    };
    const deps = depsFor(failing, counted, {
      digests: [{ name: 'slack', label: 'Slack', port: async () => ({ send: async () => undefined }) as never }],
      immediates: [{ name: 'slack', label: 'Slack', port: async () => ({ send: async () => undefined }) as never }],
    });
    const out = await notifyRun({ runId: 'nightly-1', estates: [{ key: 'estates/shop/drift.yaml' }] }, deps);
    expect(out.immediate).toEqual({ sent: 0, failed: 1 });
    expect(counted[NOTIFY_METRICS.immediateSent]).toBe(0);
    expect(counted[NOTIFY_METRICS.immediateFailed]).toBe(1);
  });

  test('an installation without Slack (its secret still the placeholder) sends no digest and counts no failure; the window still moves', async () => {
    const { store } = await db.freshTable();
    const counted: Record<string, number> = {};
    const deps = depsFor(store, counted, {
      digests: [{ name: 'slack', label: 'Slack', port: async () => undefined }],
      immediates: [{ name: 'slack', label: 'Slack', port: async () => undefined }],
    });
    const out = await notifyRun({ runId: 'nightly-1', estates: [{ key: 'estates/shop/drift.yaml' }] }, deps);
    expect(out.slack).toEqual([{ estate: estate.name, sent: false }]);
    expect(counted[NOTIFY_METRICS.digestsFailed]).toBe(0);
    expect(await store.getMarker(estate.name, 'slack-digest')).toBe('2026-11-24T09:00:00.000Z');
  });
});
