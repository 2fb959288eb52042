import type { EstateSource, LoadedEstate } from '../ports/estate-source';

/** Every estate file the source holds, loaded in the order it lists them. */
export async function loadAllEstates(source: EstateSource): Promise<LoadedEstate[]> {
  const loaded: LoadedEstate[] = [];
  for (const key of await source.listKeys()) loaded.push(await source.load({ key }));
  return loaded;
}
