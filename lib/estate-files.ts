import { cpSync, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ESTATE_FILE } from '../lambdas/adapters/s3/bucket-layout';
import type { Estate } from '../lambdas/core/estate/model';

export interface StagedEstate {
  /** A folder holding `{estate}/drift.yaml`, its baseline file and the recorded files it reads. */
  dir: string;
  /** Paths the estate reads from outside its own folder: not seeded (their keys would escape `{estate}/`). */
  skipped: string[];
}

const inside = (rel: string) => rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);

/**
 * Copies what one estate needs at run time into a fresh folder, laid out as in the bucket: the estate
 * file as `{name}/drift.yaml`, and every file it names (baseline, `from:` files and folders) at the same
 * relative path, so relative references keep working. Nothing else of the repository is uploaded.
 */
export function stageEstateFiles(estate: Estate, estateFile: string): StagedEstate {
  const dir = mkdtempSync(path.join(tmpdir(), 'drift-estate-'));
  const root = path.join(dir, estate.name);
  const home = path.dirname(path.resolve(estateFile));
  mkdirSync(root, { recursive: true });
  cpSync(estateFile, path.join(root, ESTATE_FILE));

  const wanted = new Set<string>();
  if (path.resolve(estate.baseline.file) !== path.resolve(estateFile)) wanted.add(path.relative(home, path.resolve(estate.baseline.file)));
  for (const env of estate.environments) {
    for (const s of env.sources) if ('from' in s && s.from) for (const f of s.from) wanted.add(path.normalize(f));
  }
  const skipped: string[] = [];
  for (const rel of [...wanted].sort()) {
    const from = path.join(home, rel);
    if (!inside(rel)) skipped.push(rel);
    else if (existsSync(from)) {
      // A recorded source that is missing is a `source-error` at run time, as on a laptop: not a synth error.
      cpSync(from, path.join(root, rel), { recursive: statSync(from).isDirectory(), filter: (src) => !src.split(path.sep).includes('.drift') });
    }
  }
  return { dir, skipped };
}
