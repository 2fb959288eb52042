import type { FindingState } from '../../ports/audit-store';
import { fitItem } from './item-size';
import { epochMs, findingKey, findingPk } from './keys';
import { domainOf, type Item, type StoreTable } from './store-table';

const fromItem = (item: Item): FindingState => domainOf<FindingState>(item, 'changedMs');

/** Every finding state of an estate, open and resolved. */
export async function loadFindingStates(table: StoreTable, estate: string): Promise<FindingState[]> {
  const states: FindingState[] = [];
  for await (const item of table.query({ pk: findingPk(estate) })) states.push(fromItem(item));
  return states;
}

/** One finding's state. */
export async function getFindingState(table: StoreTable, estate: string, id: string): Promise<FindingState | undefined> {
  const item = await table.get(findingKey(estate, id));
  return item ? fromItem(item) : undefined;
}

/**
 * Creates the state (none may exist) or replaces the one at `expectedVersion` that no later run
 * wrote; false on conflict. `changedMs` mirrors `lastChangedAt` so the condition compares instants,
 * not however the string was written.
 */
export async function writeFindingState(table: StoreTable, state: FindingState, expectedVersion: number | undefined): Promise<boolean> {
  if (expectedVersion !== undefined && !(state.version > expectedVersion)) {
    throw new Error(`finding state ${state.id}: a write must advance the version past ${expectedVersion}, got ${state.version}`);
  }
  const changedMs = epochMs(state.lastChangedAt);
  // The contentHash is of the whole finding, so a finding cut to fit is not taken for a change next run.
  const item = fitItem({ ...findingKey(state.estate, state.id), itemType: 'finding-state', changedMs, ...state }, 'finding');
  if (expectedVersion === undefined) return table.put(item, { expression: 'attribute_not_exists(pk)' });
  return table.put(item, {
    expression: '#version = :expected AND #changed <= :mine',
    names: { '#version': 'version', '#changed': 'changedMs' },
    values: { ':expected': expectedVersion, ':mine': changedMs },
  });
}

/**
 * Removes `pendingEvent` once its event is logged: an update, not a put, so the state keeps its
 * version; conditional on that version, so a newer state's own pending event is never lost.
 */
export async function clearPendingEvent(table: StoreTable, estate: string, id: string, version: number): Promise<boolean> {
  return table.update(
    findingKey(estate, id),
    { expression: 'REMOVE #pending', names: { '#pending': 'pendingEvent' } },
    { expression: '#version = :version', names: { '#version': 'version' }, values: { ':version': version } },
  );
}
