import { audit } from '../../lambdas/core/engine/audit';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot, type SourceGiven } from '../helpers/estate';

// Where an autoscaler is on, the replica count is the autoscaler's: it moves every night without
// anyone changing the configuration, so a move of it is no `changed` report (the history keeps it).
const db = useDynalite();
const estate = estateFrom(estateYaml(['prod'], 'baseline:\n  undeclared: info\n  keys:\n    log.level: { value: INFO }\n'));

let day = 0;
async function run(store: AuditStore, values: SourceGiven['values']) {
  const at = new Date(Date.UTC(2026, 10, 1 + ++day, 2));
  const result = audit(estate, [snapshot('prod', { type: 'k8s', values })], at);
  return recordAudit({ store, estate, result, runId: `run-${day}`, now: at, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
}
const changed = (r: Awaited<ReturnType<typeof run>>) => r.result.findings.filter((f) => f.kind === 'changed').map((f) => f.key);
const runtime = (replicas: string, autoscaling: string) => ({
  'log.level': 'INFO',
  'runtime.replicas': replicas,
  'runtime.autoscaling.enabled': autoscaling,
});

describe('changes to runtime.replicas an autoscaler owns', () => {
  test('the autoscaler moving the count night after night reports no change, logs no changed event, and keeps the history', async () => {
    const { store } = await db.freshTable();
    await run(store, runtime('3', 'true'));
    const second = await run(store, runtime('5', 'true'));
    const third = await run(store, runtime('4', 'true'));
    expect([changed(second), changed(third)]).toEqual([[], []]);
    expect((await store.listEvents(estate.name)).filter((e) => e.event === 'changed')).toEqual([]);
    expect((await store.history(estate.name, 'prod', 'runtime.replicas')).map((h) => h.after)).toEqual(['5', '4']);
  });

  test('without an autoscaler a new count is a change; turning the autoscaler on is one too', async () => {
    const { store } = await db.freshTable();
    await run(store, runtime('3', 'false'));
    expect(changed(await run(store, runtime('6', 'false')))).toEqual(['runtime.replicas']);
    expect(changed(await run(store, runtime('2', 'true')))).toEqual(['runtime.autoscaling.enabled']);
    expect(changed(await run(store, runtime('9', 'false')))).toEqual(['runtime.autoscaling.enabled', 'runtime.replicas']);
  });
});
