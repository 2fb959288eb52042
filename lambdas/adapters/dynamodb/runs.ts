import type { RunRecord } from '../../ports/audit-store';
import { epochMs, latestRunKey, runKey } from './keys';
import { domainOf, type StoreTable } from './store-table';

/** One run's record. */
export async function getRun(table: StoreTable, estate: string, runId: string): Promise<RunRecord | undefined> {
  const item = await table.get(runKey(estate, runId));
  return item ? domainOf<RunRecord>(item) : undefined;
}

/**
 * Writes a run record. A completed run's record is final: a retry keeps the first completion (a retry
 * sees its own state writes and would count nothing as opened). A complete run also becomes the
 * latest, unless a run that started later already is.
 */
export async function putRun(table: StoreTable, run: RunRecord): Promise<void> {
  const notComplete = {
    expression: 'attribute_not_exists(pk) OR #status <> :complete',
    names: { '#status': 'status' },
    values: { ':complete': 'complete' },
  };
  const written = await table.put({ ...runKey(run.estate, run.runId), itemType: 'run', ...run }, notComplete);
  if (run.status !== 'complete') return;
  const record = written ? run : ((await getRun(table, run.estate, run.runId)) ?? run);
  // Ties on the start time go to the greater run id, so every store agrees on one latest run.
  await table.put(
    { ...latestRunKey(run.estate), itemType: 'latest-run', startedMs: epochMs(record.startedAt), ...record },
    {
      expression: 'attribute_not_exists(pk) OR #started < :started OR (#started = :started AND #run <= :run)',
      names: { '#started': 'startedMs', '#run': 'runId' },
      values: { ':started': epochMs(record.startedAt), ':run': record.runId },
    },
  );
}

/** The latest complete run: one read of the pointer, which holds a copy of the record. */
export async function latestRun(table: StoreTable, estate: string): Promise<RunRecord | undefined> {
  const item = await table.get(latestRunKey(estate));
  return item ? domainOf<RunRecord>(item, 'startedMs') : undefined;
}
