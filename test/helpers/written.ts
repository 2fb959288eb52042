import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { embeddedClient, startEmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { inflateStored } from '../../lambdas/adapters/dynamodb/observation-codec';

/** Every file under `dir`, at any depth. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });

/** Every item of the embedded store beside an estate in `dir` as text, compressed chunks opened. */
export async function storeText(dir: string): Promise<string> {
  const engine = await startEmbeddedDynamoDb(path.join(dir, '.drift', 'store'));
  const client = embeddedClient(engine.endpoint);
  try {
    let text = '';
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: 'drift', ExclusiveStartKey: start as never }));
      for (const item of page.Items ?? [])
        for (const v of Object.values(item)) text += v.B ? inflateStored(v.B).toString('utf8') : JSON.stringify(v);
      start = page.LastEvaluatedKey;
    } while (start);
    return text;
  } finally {
    client.destroy();
    await engine.close();
  }
}
