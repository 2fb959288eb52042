import type { ChangeRecord } from '../../ports/audit-store';
import { fitItem } from './item-size';
import { historyPk, historySk } from './keys';
import { domainOf, type StoreTable } from './store-table';

/** Records changes, batched (no condition needed): the same change written again (a retry) lands on the same item. */
export async function appendChanges(table: StoreTable, estate: string, changes: readonly ChangeRecord[]): Promise<void> {
  await table.batchPut(
    changes.map((c) =>
      // A key a source wrote at hundreds of KB is in the item twice (the key, the location): cut, the item's own key made of the whole.
      fitItem(
        {
          pk: historyPk(estate, c.environment, c.key),
          sk: historySk(c.at, c.runId, c.source.type, c.source.location),
          itemType: 'change',
          ...c,
        },
        ['key', 'source', 'before', 'after'],
      ),
    ),
  );
}

/** The changes of one key in one environment, oldest first. */
export async function history(table: StoreTable, estate: string, environment: string, key: string): Promise<ChangeRecord[]> {
  const changes: ChangeRecord[] = [];
  for await (const item of table.query({ pk: historyPk(estate, environment, key) })) changes.push(domainOf<ChangeRecord>(item));
  return changes;
}
