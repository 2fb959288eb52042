import type { Estate } from '../core/estate/model';
import { EstateLoadError, type EstateSource, type LoadedEstate } from '../ports/estate-source';

/** Every estate file the source holds, loaded in the order it lists them. */
export async function loadAllEstates(source: EstateSource): Promise<LoadedEstate[]> {
  const loaded: LoadedEstate[] = [];
  for (const key of await source.listKeys()) loaded.push(await source.load({ key }));
  return loaded;
}

/**
 * Every estate that loads, and how many files do not (problems the user must fix: EstateLoadError);
 * a store that cannot be read throws. So one team's broken file stops no other's targeted runs (the
 * nightly plan, which loads with loadAllEstates, fails on it and alarms).
 */
export async function loadReadableEstates(source: EstateSource): Promise<{ estates: Estate[]; unreadable: number }> {
  const estates: Estate[] = [];
  let unreadable = 0;
  for (const key of await source.listKeys()) {
    try {
      estates.push((await source.load({ key })).estate);
    } catch (err) {
      if (!(err instanceof EstateLoadError)) throw err;
      unreadable += 1;
    }
  }
  return { estates, unreadable };
}
