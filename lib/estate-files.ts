import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESTATE_FILE } from '../lambdas/adapters/s3/bucket-layout';
import { sourceTime } from '../lambdas/adapters/repository/source-time';
import type { Estate } from '../lambdas/core/estate/model';
import { sha256Hex } from '../lambdas/core/sha256';

/** One object `cdk deploy` seeds under `estates/`: its key below that prefix, its text, its hash and source time (ISO 8601). */
export interface SeedFile {
  key: string;
  text: string;
  sha256: string;
  sourceTime: string;
}

const seedFile = (key: string, file: string): SeedFile => {
  const text = readFileSync(file, 'utf8');
  return { key, text, sha256: sha256Hex(text), sourceTime: sourceTime(file).toISOString() };
};

/**
 * What one estate needs at run time, laid out as in the bucket: the estate file as
 * `{name}/drift.yaml` and its baseline file (when separate) at the same relative path. Nothing else:
 * the Lambda reads live sources only (`deployProblems` refuses recorded ones), so no `from:` file,
 * folder, dotfile or symlink target ever reaches the CDK asset or the bucket.
 */
export function seedFiles(estate: Estate, estateFile: string): SeedFile[] {
  const home = path.dirname(path.resolve(estateFile));
  const files: SeedFile[] = [seedFile(`${estate.name}/${ESTATE_FILE}`, estateFile)];
  const baseline = path.resolve(estate.baseline.file);
  if (baseline !== path.resolve(estateFile)) {
    const rel = path.relative(home, baseline).split(path.sep).join('/');
    files.push(seedFile(`${estate.name}/${rel}`, baseline));
  }
  return files;
}
