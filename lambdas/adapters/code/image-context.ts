import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A folder of the tree and those above it, up to the tree's root (''): `a/b` → `a/b`, `a`, ''. */
function upwards(folder: string): string[] {
  const out = [folder];
  for (let at = folder; at !== '';) out.push((at = at.includes('/') ? at.slice(0, at.lastIndexOf('/')) : ''));
  return out;
}

/**
 * The folder of the tree a Dockerfile's image is built from: its own, unless the paths it copies are found from a
 * folder above it (cookiecutter-django's `compose/production/django/Dockerfile`, built with the repository as its
 * context, copies `./compose/production/django/entrypoint`). The folder where the most of them exist; on a tie the
 * nearest. The image runs the code of that folder.
 */
export async function buildContext(root: string, folder: string, sources: readonly string[]): Promise<string> {
  if (sources.length === 0) return folder;
  let best = folder;
  let most = -1;
  for (const candidate of upwards(folder)) {
    let found = 0;
    for (const source of sources) if (await stat(join(root, candidate, source)).catch(() => undefined)) found += 1;
    if (found > most) [best, most] = [candidate, found];
  }
  return best;
}
