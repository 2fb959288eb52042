import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import { DIGEST_MARKER } from '../../lambdas/use-cases/send-digest';
import type { RunArtifacts } from '../../lambdas/ports/run-artifacts';
import type { AuditStore } from '../../lambdas/ports/audit-store';
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
    publisher: { publish: async () => ({ sent: [], failed: [] }) },
    digestSink: async () => ({ send }) as never,
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
    expect(await store.getMarker(estate.name, DIGEST_MARKER)).toBe(NOW.toISOString());
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
});
