import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TicketLedger, TicketRecord } from '../../ports/ticket-ledger';
import { part, type TableKey } from './keys';
import { StoreTable, type Item } from './store-table';

/** Every ledger item's `pk` starts with this, so the subscriber's role can be confined to them (`dynamodb:LeadingKeys`). */
export const TICKET_PK_PREFIX = 'TICKET#';

const EPISODE_DIGITS = 6;
const ledgerPk = (estate: string): string => `${TICKET_PK_PREFIX}${part(estate)}`;
const findingPrefix = (findingId: string): string => `${part(findingId)}#`;
// Zero-padded so string order is episode order.
const ledgerKey = (estate: string, findingId: string, episode: number): TableKey => ({
  pk: ledgerPk(estate),
  sk: `${findingPrefix(findingId)}${String(episode).padStart(EPISODE_DIGITS, '0')}`,
});

const RECORD_FIELDS = [
  'estate',
  'findingId',
  'episode',
  'status',
  'ticket',
  'severity',
  'applied',
  'claim',
  'version',
  'updatedAt',
] as const;

function toRecord(item: Item): TicketRecord {
  const record = Object.fromEntries(RECORD_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return record as unknown as TicketRecord;
}

/** The ticket subscriber's memory on the store's table: one item per finding episode (table-design.md, "Tickets"). */
export class DynamoDbTicketLedger implements TicketLedger {
  private readonly table: StoreTable;

  constructor(options: { client: DynamoDBClient; table: string }) {
    this.table = new StoreTable(options.client, options.table);
  }

  async get(estate: string, findingId: string, episode: number): Promise<TicketRecord | undefined> {
    const item = await this.table.get(ledgerKey(estate, findingId, episode));
    return item ? toRecord(item) : undefined;
  }

  async previous(estate: string, findingId: string, episode: number): Promise<TicketRecord | undefined> {
    let latest: TicketRecord | undefined;
    for await (const item of this.table.query({ pk: ledgerPk(estate), prefix: findingPrefix(findingId) })) {
      const record = toRecord(item);
      if (record.episode < episode && (!latest || record.episode > latest.episode)) latest = record;
    }
    return latest;
  }

  async put(record: TicketRecord, expectedVersion: number | undefined): Promise<boolean> {
    if (record.version <= (expectedVersion ?? 0)) throw new Error(`a ticket record write must advance its version past ${expectedVersion}`);
    const item = { ...ledgerKey(record.estate, record.findingId, record.episode), itemType: 'ticket', ...record };
    const condition =
      expectedVersion === undefined
        ? { expression: 'attribute_not_exists(pk)' }
        : { expression: '#v = :v', names: { '#v': 'version' }, values: { ':v': expectedVersion } };
    return this.table.put(item, condition);
  }

  async list(estate: string): Promise<TicketRecord[]> {
    const records: TicketRecord[] = [];
    for await (const item of this.table.query({ pk: ledgerPk(estate) })) records.push(toRecord(item));
    return records;
  }
}
