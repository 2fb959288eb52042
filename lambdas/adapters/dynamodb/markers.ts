import { part, unpart } from './keys';
import type { StoreTable } from './store-table';

const markerPk = (estate: string): string => `E#${part(estate)}#MARK`;
const markerKey = (estate: string, name: string) => ({ pk: markerPk(estate), sk: part(name) });
/** A marker item's key and its name as written: `part` cuts a long name (a flag's key) in the sort key. */
const markerItem = (estate: string, name: string) => ({ ...markerKey(estate, name), name });

/** Every marker whose name starts with `prefix`: one Query of the estate's markers (a page per 1 MB). */
export async function listMarkers(table: StoreTable, estate: string, prefix: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const item of table.query({ pk: markerPk(estate), prefix: part(prefix) })) {
    // The name as written (a long one is cut in the sort key); markers written before it was kept have only the key.
    const name = typeof item.name === 'string' ? item.name : typeof item.sk === 'string' ? unpart(item.sk) : undefined;
    if (typeof item.value === 'string' && name !== undefined) found.set(name, item.value);
  }
  return found;
}

/** A small named value of an estate (the end of the last digest window, say). */
export async function getMarker(table: StoreTable, estate: string, name: string): Promise<string | undefined> {
  const item = await table.get(markerKey(estate, name));
  return typeof item?.value === 'string' ? item.value : undefined;
}

/** Sets a marker only forward: a slower writer with an older value never moves it back. */
export async function putMarker(table: StoreTable, estate: string, name: string, value: string): Promise<boolean> {
  return table.put(
    { ...markerItem(estate, name), value },
    { expression: 'attribute_not_exists(pk) OR #v < :v', names: { '#v': 'value' }, values: { ':v': value } },
  );
}

/**
 * Takes the lease `name` (its value: when taken, ISO) unless another holder took it after
 * `staleBefore`: one writer at a time, and a holder that died loses it once stale. The same `holder`
 * (a run's retried stage) takes it again at once: the attempt that held it is the one that died. True when taken.
 */
export async function claimMarker(
  table: StoreTable,
  estate: string,
  name: string,
  at: string,
  staleBefore: string,
  holder?: string,
): Promise<boolean> {
  if (holder === undefined)
    return table.put(
      { ...markerItem(estate, name), value: at },
      { expression: 'attribute_not_exists(pk) OR #v < :stale', names: { '#v': 'value' }, values: { ':stale': staleBefore } },
    );
  return table.put(
    { ...markerItem(estate, name), value: at, holder },
    {
      expression: 'attribute_not_exists(pk) OR #v < :stale OR #h = :holder',
      names: { '#v': 'value', '#h': 'holder' },
      values: { ':stale': staleBefore, ':holder': holder },
    },
  );
}

/** Gives the lease back, if it is still the one taken `at`: a value before any instant (a put, as notify-run may not delete). */
export async function releaseMarker(table: StoreTable, estate: string, name: string, at: string): Promise<void> {
  await table.put({ ...markerItem(estate, name), value: '' }, { expression: '#v = :at', names: { '#v': 'value' }, values: { ':at': at } });
}
