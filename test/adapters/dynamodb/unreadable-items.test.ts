import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { gzipSync } from 'node:zlib';
import { useDynalite } from '../../helpers/dynalite';
import { ESTATE } from './fixtures';

const db = useDynalite();

const BROKEN: Record<string, Buffer> = {
  'bytes that are neither brotli nor gzip': Buffer.from('not compressed at all'),
  'gzip cut short': gzipSync(JSON.stringify({ inputs: 'digest-1', findings: [] })).subarray(0, 12),
  'gzip of text that is not JSON': gzipSync('{"inputs": "digest-1", '),
};

describe('a stored item whose body cannot be read back', () => {
  test.each(Object.keys(BROKEN))('an audit memo of %s is no memo (the run takes the full path and replaces it)', async (name) => {
    const { store, table } = await db.freshTable();
    const item = { pk: `E#${ESTATE}`, sk: 'AUDIT-MEMO', itemType: 'audit-memo', inputs: 'digest-1', body: BROKEN[name]! };
    await db.client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    await expect(store.getAuditMemo(ESTATE)).resolves.toBeUndefined();
  });

  test.each(Object.keys(BROKEN))('a cached object of %s is a miss', async (name) => {
    const { store, table } = await db.freshTable();
    const item = { pk: 'C#ecs-task-definition-sealed', sk: 'k1 arn:td:1', body: BROKEN[name]! };
    await db.client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    await expect(store.getCached('ecs-task-definition-sealed', 'k1 arn:td:1')).resolves.toBeUndefined();
  });
});
