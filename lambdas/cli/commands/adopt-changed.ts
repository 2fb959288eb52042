import { changedAtRuntime, driftedKeys } from '../../core/adopt/all-changed';
import type { Estate } from '../../core/estate/model';
import type { Finding } from '../../core/model';
import { openStore } from '../../wiring/open-store';
import type { StateFolder } from '../../wiring/cli-services';
import { UsageError } from '../io';

/** `--all-changed`: the keys of ENV that differ from the baseline and whose stored history records a change. */
export async function changedKeys(
  storeOption: string | boolean | undefined,
  estate: Estate,
  findings: readonly Finding[],
  env: string,
  folder: StateFolder,
): Promise<string[]> {
  const opened = await openStore(storeOption, folder.dir, folder.ensure);
  if (!opened) throw new UsageError('adopt --all-changed reads the history of changes: run it without --no-store');
  try {
    const out: string[] = [];
    for (const key of driftedKeys(findings, env)) {
      if (changedAtRuntime(await opened.store.history(estate.name, env, key))) out.push(key);
    }
    return out;
  } finally {
    await opened.close();
  }
}
