import type { LifecycleEvent } from '../../ports/audit-store';
import { fitItem } from './item-size';
import { epochMs, eventKey, eventPk, eventTimeKey, isoKey } from './keys';
import { TABLE_SCHEMA } from './table-schema';
import { domainOf, type StoreTable } from './store-table';

/** How long the event log keeps an event: long enough for any digest window and for late notifier retries. */
export const EVENT_TTL_DAYS = 90;

const DAY_SECONDS = 86_400;

/**
 * Logs an event once per event id, whatever run or time tries again: false when it is already logged.
 * The first append stamps `loggedAt` (`now`); a retry, which is refused, keeps it.
 */
export async function appendEvent(table: StoreTable, estate: string, event: LifecycleEvent, now: Date): Promise<boolean> {
  const item = fitItem(
    {
      ...eventKey(estate, event.eventId),
      itemType: 'event',
      [TABLE_SCHEMA.eventsByTime.sortKey]: eventTimeKey(event.at, event.eventId),
      expiresAt: Math.floor(epochMs(event.at) / 1000) + EVENT_TTL_DAYS * DAY_SECONDS,
      ...event,
      loggedAt: now.toISOString(),
    },
    'finding',
  );
  return table.put(item, { expression: 'attribute_not_exists(pk)' });
}

/** Events at or after `since`, oldest first, read through the events-by-time index. */
export async function listEvents(table: StoreTable, estate: string, since?: string): Promise<LifecycleEvent[]> {
  const events: LifecycleEvent[] = [];
  const items = table.query({
    pk: eventPk(estate),
    from: since === undefined ? undefined : isoKey(since),
    index: TABLE_SCHEMA.eventsByTime,
  });
  for await (const item of items) events.push(domainOf<LifecycleEvent>(item, TABLE_SCHEMA.eventsByTime.sortKey));
  return events;
}

/** The event's `sent` map, by a consistent read of its item (see AuditStore.eventSent); empty for an event not logged. */
export async function eventSent(table: StoreTable, estate: string, eventId: string): Promise<Record<string, string>> {
  const item = await table.get(eventKey(estate, eventId));
  const sent = item?.sent;
  return sent !== null && typeof sent === 'object' ? (sent as Record<string, string>) : {};
}

/** Records that an event was delivered on a channel (`sns`, `slack`): it is never sent there again. */
export async function markEventSent(table: StoreTable, estate: string, eventId: string, channel: string, at: string): Promise<void> {
  const key = eventKey(estate, eventId);
  // `sent` may not exist yet: set one channel inside it, or create it with that channel.
  const added = await table.update(
    key,
    { expression: 'SET #sent.#ch = :at', names: { '#sent': 'sent', '#ch': channel }, values: { ':at': at } },
    { expression: 'attribute_exists(pk) AND attribute_exists(#sent)', names: { '#sent': 'sent' }, values: {} },
  );
  if (added) return;
  await table.update(
    key,
    { expression: 'SET #sent = :sent', names: { '#sent': 'sent' }, values: { ':sent': { [channel]: at } } },
    { expression: 'attribute_exists(pk) AND attribute_not_exists(#sent)', names: { '#sent': 'sent' }, values: {} },
  );
}
