import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableProblem } from '../../../lambdas/adapters/dynamodb/table-schema';
import { embeddedClient } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { useDynalite } from '../../helpers/dynalite';

const dynalite = useDynalite();

/** A real client on the engine whose DescribeTable calls AWS refuses with `name`, as IAM would. */
function refusingDescribe(name: string): DynamoDBClient {
  const client = embeddedClient(dynalite.endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DescribeTableCommand') throw Object.assign(new Error(`not authorized (${name})`), { name });
      return next(args);
    },
    { step: 'initialize', name: 'refuseDescribe' },
  );
  return client;
}

describe('tableProblem, the look at a table before a run on it', () => {
  test("a table made by drift's stack or ensureTable: no problem", async () => {
    const { table } = await dynalite.freshTable();
    await expect(tableProblem(dynalite.client, table)).resolves.toBeUndefined();
  });

  test('a table that is not there is named', async () => {
    await expect(tableProblem(dynalite.client, 'drift-no-such-table')).resolves.toBe(
      "there is no table drift-no-such-table (the installation's stack makes it)",
    );
  });

  test('a role that may use the table but not describe it goes on', async () => {
    const client = refusingDescribe('AccessDeniedException');
    try {
      await expect(tableProblem(client, 'drift-no-such-table')).resolves.toBeUndefined();
    } finally {
      client.destroy();
    }
  });

  test('any other refusal is thrown, for the caller to say', async () => {
    const client = refusingDescribe('UnrecognizedClientException');
    try {
      await expect(tableProblem(client, 'whatever')).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    } finally {
      client.destroy();
    }
  });
});
