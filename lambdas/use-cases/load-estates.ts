import type { Estate } from '../core/estate/model';
import { EstateLoadError, type EstateSource, type LoadedEstate } from '../ports/estate-source';

/** An estate file that does not load: its key and its problems. */
export interface FailedEstate {
  key: string;
  error: EstateLoadError;
}

/** Every estate file that loads, and the problems of each one that does not; a store that cannot be read throws. */
export async function loadEachEstate(source: EstateSource): Promise<{ loaded: LoadedEstate[]; failed: FailedEstate[] }> {
  const loaded: LoadedEstate[] = [];
  const failed: FailedEstate[] = [];
  for (const key of await source.listKeys()) {
    try {
      loaded.push(await source.load({ key }));
    } catch (err) {
      if (!(err instanceof EstateLoadError)) throw err;
      failed.push({ key, error: err });
    }
  }
  return { loaded, failed };
}

/**
 * Every estate that loads, and how many files do not (problems the user must fix: EstateLoadError);
 * a store that cannot be read throws. So one team's broken file stops no other's runs (a scheduled
 * run lists it, and fails after auditing and notifying the others).
 */
export async function loadReadableEstates(source: EstateSource): Promise<{ estates: Estate[]; unreadable: number }> {
  const { loaded, failed } = await loadEachEstate(source);
  return { estates: loaded.map((l) => l.estate), unreadable: failed.length };
}
