import { sourceLabel } from '../../lambdas/core/estate/source-label';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { carryEnvironment } from '../../lambdas/use-cases/carry-environment';
import { previousSnapshot } from '../../lambdas/use-cases/previous-snapshot';
import { sourceKey } from '../../lambdas/use-cases/source-key';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, NOW, source } from '../helpers/estate';

// A source's snapshot stored while nothing said signing.seed was secret holds its value in plain text.
// Once the estate declares it `secret: true`, a run that stands an environment on that snapshot (a
// targeted run carries the environments it did not read; a partial read stands on the rest) must not
// bring the plain value back into findings, reports, SNS or Slack: it is withheld as unreadable.
const db = useDynalite();
const CANARY = 'CANARYstoredplain';
const ESTATE =
  'version: 1\nname: shop\nenvironments:\n  eu:\n    sources:\n      - ssm: { path: /eu/shop/ }\nbaseline:\n  keys:\n    log.level: {}\n';
const BEFORE = estateFrom(ESTATE);
const AFTER = estateFrom(`${ESTATE}    signing.seed: { secret: true }\n`);
const eu = AFTER.environments[0]!;
const label = sourceLabel(eu.sources[0]!).label;

async function storedInPlainText(store: AuditStore): Promise<void> {
  const observations = source(0, { values: { 'signing.seed': CANARY, 'log.level': 'INFO' } }).observations;
  await store.saveSnapshot(
    BEFORE.name,
    {
      environment: 'eu',
      sourceKey: sourceKey(label),
      label,
      hash: 'h0',
      runId: 'run-1',
      observedAt: '2026-11-23T02:00:00Z',
      keyId: 'k1',
      observations,
    },
    NOW,
  );
}

describe('a stored snapshot read after its key was declared secret', () => {
  test('previousSnapshot withholds the plain value of a key secret now, and keeps the others', async () => {
    const { store } = await db.freshTable();
    await storedInPlainText(store);
    const read = await previousSnapshot(store, AFTER, 'eu', { key: sourceKey(label) });
    const values = Object.fromEntries(read!.observations.map((o) => [o.key, o.value]));
    expect(values['signing.seed']).toMatchObject({ kind: 'opaque', secret: true });
    expect(values['log.level']).toMatchObject({ kind: 'text', text: 'INFO' });
    expect(JSON.stringify(read)).not.toContain(CANARY);
    // Under the estate as it was, nothing is withheld.
    expect(JSON.stringify(await previousSnapshot(store, BEFORE, 'eu', { key: sourceKey(label) }))).toContain(CANARY);
  });

  test('an environment a targeted run carries stands on it without the value', async () => {
    const { store } = await db.freshTable();
    await storedInPlainText(store);
    const carried = await carryEnvironment(store, AFTER, eu, 'k1');
    expect(carried.carried).toBe(true);
    expect(carried.snapshot.sources[0]!.observations.map((o) => o.key).sort()).toEqual(['log.level', 'signing.seed']);
    expect(JSON.stringify(carried)).not.toContain(CANARY);
  });

  test('a plain value stored by a drift that did not judge content, and that holds a credential, is withheld too', async () => {
    const { store } = await db.freshTable();
    const live = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    // As an older drift stored it: in plain text (today's reader fingerprints it on reading).
    const observations = source(0, { values: { 'payment.setting': 'placeholder', 'log.level': 'INFO' } }).observations.map((o) =>
      o.key === 'payment.setting' ? { ...o, value: { kind: 'text' as const, text: live } } : o,
    );
    await store.saveSnapshot(
      AFTER.name,
      {
        environment: 'eu',
        sourceKey: sourceKey(label),
        label,
        hash: 'h0',
        runId: 'run-1',
        observedAt: '2026-11-23T02:00:00Z',
        keyId: 'k1',
        observations,
      },
      NOW,
    );
    const read = await previousSnapshot(store, AFTER, 'eu', { key: sourceKey(label) });
    const values = Object.fromEntries(read!.observations.map((o) => [o.key, o.value]));
    expect(values['payment.setting']).toMatchObject({ kind: 'opaque', secret: true });
    expect(values['log.level']).toMatchObject({ kind: 'text', text: 'INFO' });
    expect(JSON.stringify(read)).not.toContain(live);
  });
});
