import { readFileSync } from 'node:fs';
import type { EstateProblem } from '../lambdas/core/estate/estate-error';
import { estateLocator } from '../lambdas/adapters/live/live-source-problems';
import type { LoadedEstate } from './installation-stack';

/**
 * An installation keeps each estate under its name (`estates/{name}/`, its findings and snapshots in
 * the store): two files of one name, often two folders of one name without a `name:`, would be one
 * estate. Each file after the first that takes a name is refused at its `name`.
 */
export function sameNameProblems(loaded: readonly LoadedEstate[], show: (file: string) => string): EstateProblem[] {
  const first = new Map<string, string>();
  const out: EstateProblem[] = [];
  for (const { estate, file } of loaded) {
    const other = first.get(estate.name);
    if (other === undefined) {
      first.set(estate.name, file);
      continue;
    }
    const at = estateLocator(readFileSync(file, 'utf8'), file)(['name']);
    out.push({
      ...at,
      message:
        `name: ${JSON.stringify(estate.name)} is also the name of ${show(other)}, and an installation keeps each estate by its name: ` +
        'give one a different `name` (without one, an estate is named after its folder)',
    });
  }
  return out;
}
