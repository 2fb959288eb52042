import { DeleteItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import type { Observation } from '../../../lambdas/core/model';
import { useDynalite, type TestTable } from '../../helpers/dynalite';
import { ESTATE, SSM, T1, T2, T3, noise, observation, snapshot } from './fixtures';

const dynalite = useDynalite();
const NOW = new Date(T3);
const TTL = Math.floor(NOW.getTime() / 1000) + 30 * 86_400;

const observations: Observation[] = [
  observation('db.timeout', { kind: 'text', text: '10s' }),
  observation('db.password', { kind: 'secret', fingerprint: 'f'.repeat(64), keyId: 'key-1' }),
  observation('feature.flags', { kind: 'large', digest: 'd'.repeat(64), length: 9000, preview: '{"a":1,' }),
  observation('psp.key', { kind: 'opaque', reason: 'SecureString recorded without decryption' }),
  observation(
    'smtp.password',
    { kind: 'ref', target: 'arn:aws:secretsmanager:us-east-1:1:secret:smtp' },
    {
      ref: { kind: 'secretsmanager', target: 'arn:aws:secretsmanager:us-east-1:1:secret:smtp', optional: true },
    },
  ),
  observation('empty', { kind: 'text', text: '' }, { origin: { source: SSM, location: 'x' } }),
];

/** About 1.5 MB of gzip'd observations: values that do not compress. */
const bigObservations = (seed: number): Observation[] =>
  Array.from({ length: 400 }, (_, i) => observation(`k${i}`, { kind: 'text', text: noise(4000, seed + i) }));

const chunksOf = async (t: TestTable): Promise<Array<Record<string, unknown>>> =>
  (await t.scan()).filter((i) => i.itemType === 'snapshot-chunk');

/** An upper bound of an item's size, measured independently of the store's own sizing. */
const rawSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce(
    (n, [k, v]) => n + k.length + (v instanceof Uint8Array ? v.byteLength : Buffer.byteLength(JSON.stringify(v))),
    0,
  );

describe('snapshots', () => {
  test('round-trip of every kind of value; the source label is kept as { index, type, label }', async () => {
    const { store } = await dynalite.freshTable();
    const withExtra = observations.map((o) => ({ ...o, origin: { ...o.origin, source: { ...o.origin.source, extra: 'dropped' } } }));
    await store.saveSnapshot(ESTATE, snapshot('h1', withExtra), NOW);
    expect(await store.loadSnapshot(ESTATE, 'production-us', 'src-ssm-1')).toEqual(snapshot('h1', observations));
    expect(await store.snapshotHash(ESTATE, 'production-us', 'src-ssm-1')).toBe('h1');
    expect(await store.snapshotHash(ESTATE, 'staging', 'src-ssm-1')).toBeUndefined();
    expect(await store.loadSnapshot(ESTATE, 'production-us', 'other')).toBeUndefined();
  });

  test('a 1 MB+ snapshot is cut into chunks of at most 300 KB; every item stays under 400 KB', async () => {
    const t = await dynalite.freshTable();
    const big = snapshot('big', bigObservations(1));
    expect(Buffer.byteLength(JSON.stringify(big.observations))).toBeGreaterThan(1024 * 1024);
    await t.store.saveSnapshot(ESTATE, big, NOW);
    const chunks = await chunksOf(t);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) expect((c.data as Uint8Array).byteLength).toBeLessThanOrEqual(300 * 1024);
    for (const item of await t.scan()) expect(rawSize(item)).toBeLessThan(400 * 1024);
    expect(await t.store.loadSnapshot(ESTATE, 'production-us', 'src-ssm-1')).toEqual(big);
  });

  test('saving the stored hash again writes nothing', async () => {
    const { store } = await dynalite.freshTable();
    await store.saveSnapshot(ESTATE, snapshot('h1', observations), NOW);
    const before = store.stats();
    await store.saveSnapshot(ESTATE, snapshot('h1', observations, { runId: 'run-later', observedAt: T2 }), NOW);
    expect(store.stats().writes).toBe(before.writes);
    expect(store.stats().writeUnits).toBe(before.writeUnits);
  });

  test('a new hash gives the superseded chunks a 30-day TTL, and nothing else gets one', async () => {
    const t = await dynalite.freshTable();
    await t.store.saveSnapshot(ESTATE, snapshot('h1', bigObservations(1)), NOW);
    const first = (await chunksOf(t)).map((c) => c.pk);
    await t.store.saveSnapshot(ESTATE, snapshot('h2', observations, { observedAt: T2 }), NOW);
    const items = await t.scan();
    const expiring = items.filter((i) => i.expiresAt !== undefined);
    expect(expiring.map((i) => i.pk)).toEqual(first);
    expect(new Set(expiring.map((i) => i.expiresAt))).toEqual(new Set([TTL]));
    expect(await t.store.loadSnapshot(ESTATE, 'production-us', 'src-ssm-1')).toEqual(snapshot('h2', observations, { observedAt: T2 }));
  });

  test('a value that flaps back is stored afresh: the current chunks never carry a TTL', async () => {
    const t = await dynalite.freshTable();
    await t.store.saveSnapshot(ESTATE, snapshot('A', observations, { runId: 'r1', observedAt: T1 }), NOW);
    await t.store.saveSnapshot(ESTATE, snapshot('B', observations.slice(1), { runId: 'r2', observedAt: T2 }), NOW);
    await t.store.saveSnapshot(ESTATE, snapshot('A', observations, { runId: 'r3', observedAt: T3 }), NOW);
    const chunks = await chunksOf(t);
    const current = chunks.filter((c) => c.expiresAt === undefined).map((c) => String(c.pk));
    expect(current).toHaveLength(1);
    expect(current[0]).toMatch(/#A#r3$/);
    expect(chunks.filter((c) => c.expiresAt !== undefined)).toHaveLength(2);
    expect((await t.store.loadSnapshot(ESTATE, 'production-us', 'src-ssm-1'))?.runId).toBe('r3');
  });

  test('a snapshot observed before the stored one never replaces it', async () => {
    const { store } = await dynalite.freshTable();
    await store.saveSnapshot(ESTATE, snapshot('new', observations, { observedAt: T2 }), NOW);
    const before = store.stats().writes;
    await store.saveSnapshot(ESTATE, snapshot('old', observations, { observedAt: T1 }), NOW);
    expect(store.stats().writes).toBe(before);
    expect(await store.snapshotHash(ESTATE, 'production-us', 'src-ssm-1')).toBe('new');
  });

  test('overlapping saves (any interleaving) end with the newest snapshot current and every other save expiring', async () => {
    const t = await dynalite.freshTable();
    await t.store.saveSnapshot(ESTATE, snapshot('A', observations, { observedAt: T1 }), NOW);
    await Promise.all([
      t.store.saveSnapshot(ESTATE, snapshot('B', observations.slice(1), { observedAt: T2 }), NOW),
      t.store.saveSnapshot(ESTATE, snapshot('C', observations.slice(2), { observedAt: T3 }), NOW),
    ]);
    expect(await t.store.snapshotHash(ESTATE, 'production-us', 'src-ssm-1')).toBe('C');
    const chunks = await chunksOf(t);
    const live = chunks.filter((c) => c.expiresAt === undefined).map((c) => String(c.pk));
    expect(live.every((pk) => pk.includes('#C#'))).toBe(true);
    expect(chunks.filter((c) => String(c.pk).includes('#A#')).every((c) => c.expiresAt === TTL)).toBe(true);
  });

  test('a pointer moved by another run between read and write: the newer snapshot wins', async () => {
    for (const [other, winner, expiring] of [
      [T3, 'C', ['A', 'B']],
      ['2026-11-24T12:00:00.000Z', 'B', ['A', 'C']],
    ] as const) {
      const t = await dynalite.freshTable();
      await t.store.saveSnapshot(ESTATE, snapshot('A', observations, { observedAt: T1 }), NOW);
      // Just before the first run moves the pointer from A to B, a second run moves it from A to C.
      const racing = embeddedClient(dynalite.endpoint);
      let raced = false;
      racing.middlewareStack.add(
        (next) => async (args) => {
          const item = (args.input as PutItemCommandInput).Item;
          if (!raced && item?.itemType?.S === 'snapshot') {
            raced = true;
            await t.store.saveSnapshot(ESTATE, snapshot('C', observations.slice(2), { observedAt: other }), NOW);
          }
          return next(args);
        },
        { step: 'initialize' },
      );
      const first = new DynamoDbStore({ client: racing, table: t.table });
      await first.saveSnapshot(ESTATE, snapshot('B', observations.slice(1), { observedAt: T2 }), NOW);
      racing.destroy();

      expect(raced).toBe(true);
      expect(await t.store.snapshotHash(ESTATE, 'production-us', 'src-ssm-1')).toBe(winner);
      const chunks = await chunksOf(t);
      const hashOf = (c: Record<string, unknown>): string => String(c.pk).split('#').at(-2) ?? '';
      expect(chunks.filter((c) => c.expiresAt === undefined).map(hashOf)).toEqual([winner]);
      expect(
        chunks
          .filter((c) => c.expiresAt === TTL)
          .map(hashOf)
          .sort(),
      ).toEqual(expiring);
    }
  });

  test('a snapshot whose chunks went missing is reported, not returned in part', async () => {
    const t = await dynalite.freshTable();
    await t.store.saveSnapshot(ESTATE, snapshot('big', bigObservations(2)), NOW);
    const [, second] = await chunksOf(t);
    await dynalite.client.send(
      new DeleteItemCommand({ TableName: t.table, Key: { pk: { S: String(second?.pk) }, sk: { S: String(second?.sk) } } }),
    );
    await expect(t.store.loadSnapshot(ESTATE, 'production-us', 'src-ssm-1')).rejects.toThrow(/has 1 of its 3 chunks: the store is damaged/);
  });
});
