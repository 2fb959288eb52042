import { part } from './keys';
import type { StoreTable } from './store-table';

const markerKey = (estate: string, name: string) => ({ pk: `E#${part(estate)}#MARK`, sk: part(name) });

/** A small named value of an estate (the end of the last digest window, say). */
export async function getMarker(table: StoreTable, estate: string, name: string): Promise<string | undefined> {
  const item = await table.get(markerKey(estate, name));
  return typeof item?.value === 'string' ? item.value : undefined;
}

/** Sets a marker only forward: a slower writer with an older value never moves it back. */
export async function putMarker(table: StoreTable, estate: string, name: string, value: string): Promise<boolean> {
  return table.put(
    { ...markerKey(estate, name), value },
    { expression: 'attribute_not_exists(pk) OR #v < :v', names: { '#v': 'value' }, values: { ':v': value } },
  );
}
