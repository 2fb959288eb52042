import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { audit } from '../../lambdas/core/engine/audit';
import { DamagedSnapshotError, type AuditStore } from '../../lambdas/ports/audit-store';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { sourceKey } from '../../lambdas/use-cases/source-key';
import { useDynalite, type TestTable } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

const db = useDynalite();

const estate = estateFrom(estateYaml(['us'], 'baseline:\n  undeclared: ignore\n  keys:\n    pool: { value: "1" }\n'));
const KEY = sourceKey('file #0');

async function run(store: AuditStore, pool: string, day: number) {
  const at = new Date(Date.UTC(2026, 10, day, 2));
  const result = audit(estate, [snapshot('us', { values: { pool } })], at);
  return recordAudit({ store, estate, result, runId: `run-${day}`, now: at, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
}

const chunkKey = async (t: TestTable) => {
  const chunk = (await t.scan()).find((i) => i.itemType === 'snapshot-chunk' && i.expiresAt === undefined)!;
  return { pk: { S: String(chunk.pk) }, sk: { S: String(chunk.sk) } };
};

const damages: Record<string, (t: TestTable) => Promise<unknown>> = {
  'bytes that do not decompress': async (t) =>
    db.client.send(
      new UpdateItemCommand({
        TableName: t.table,
        Key: await chunkKey(t),
        UpdateExpression: 'SET #d = :d',
        ExpressionAttributeNames: { '#d': 'data' },
        ExpressionAttributeValues: { ':d': { B: Buffer.from('not brotli, not gzip') } },
      }),
    ),
  'a chunk gone': async (t) => db.client.send(new DeleteItemCommand({ TableName: t.table, Key: await chunkKey(t) })),
};

describe('a damaged stored snapshot', () => {
  test.each(Object.keys(damages))('(%s) is reported by the store as damaged', async (damage) => {
    const t = await db.freshTable();
    await run(t.store, '1', 1);
    await damages[damage]!(t);
    await expect(t.store.loadSnapshot(estate.name, 'us', KEY)).rejects.toBeInstanceOf(DamagedSnapshotError);
  });

  test.each(Object.keys(damages))('(%s) does not fail every later run: the next save replaces it', async (damage) => {
    const t = await db.freshTable();
    await run(t.store, '1', 1);
    await damages[damage]!(t);

    // The source changed: the run that meets the damaged snapshot judges it as first seen and completes.
    const second = await run(t.store, '2', 2);
    expect(second.run.status).toBe('complete');
    expect(second.result.findings.map((f) => `${f.kind} ${f.key} ${f.status ?? ''}`.trim())).toEqual(['mismatch pool new']);
    expect((await t.store.loadSnapshot(estate.name, 'us', KEY))?.runId).toBe('run-2');

    // And the one after is itself again: the change from the replacement is reported.
    const third = await run(t.store, '3', 3);
    expect(third.result.findings.map((f) => `${f.kind} ${f.key} ${f.expected ?? ''}→${f.actual ?? ''}`)).toEqual(
      expect.arrayContaining(['changed pool 2→3']),
    );
  });
});
