import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESTATE_FILE } from '../lambdas/adapters/s3/bucket-layout';
import type { Estate } from '../lambdas/core/estate/model';

/** One object `cdk deploy` seeds under `estates/`: its key below that prefix and its text. */
export interface SeedFile {
  key: string;
  text: string;
}

/**
 * What one estate needs at run time, laid out as in the bucket: the estate file as
 * `{name}/drift.yaml` and its baseline file (when separate) at the same relative path. Nothing else:
 * the Lambda reads live sources only (`deployProblems` refuses recorded ones), so no `from:` file,
 * folder, dotfile or symlink target ever reaches the CDK asset or the bucket.
 */
export function seedFiles(estate: Estate, estateFile: string): SeedFile[] {
  const home = path.dirname(path.resolve(estateFile));
  const files: SeedFile[] = [{ key: `${estate.name}/${ESTATE_FILE}`, text: readFileSync(estateFile, 'utf8') }];
  const baseline = path.resolve(estate.baseline.file);
  if (baseline !== path.resolve(estateFile)) {
    const rel = path.relative(home, baseline).split(path.sep).join('/');
    files.push({ key: `${estate.name}/${rel}`, text: readFileSync(baseline, 'utf8') });
  }
  return files;
}
