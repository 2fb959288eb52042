import type { Observation } from '../model';

const versionOf = (o: Observation): number | undefined => (typeof o.origin.version === 'number' ? o.origin.version : undefined);

/**
 * The observations without the older versions of a parameter recorded more than once (an older
 * export beside a newer one, `get-parameter-history`): SSM serves a parameter's highest Version,
 * whichever file or line lists it last. A name listed again without a higher or known version is
 * left as it was (the later applies).
 */
export function latestParameterVersions(observations: Observation[]): Observation[] {
  const at = new Map<string, number>();
  let older: Set<number> | undefined;
  for (let i = 0; i < observations.length; i++) {
    const name = (observations[i] as Observation).rawKey;
    const j = at.get(name);
    at.set(name, i);
    if (j === undefined) continue;
    const before = versionOf(observations[j] as Observation);
    const now = versionOf(observations[i] as Observation);
    if (before === undefined || now === undefined || before === now) continue;
    older ??= new Set();
    if (before > now) {
      older.add(i);
      at.set(name, j);
    } else older.add(j);
  }
  return older ? observations.filter((_, i) => !(older as Set<number>).has(i)) : observations;
}
