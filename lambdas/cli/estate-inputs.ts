import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Estate } from '../core/estate/model';
import { recordedFrom } from '../core/source-kinds/fields';

/** A path through its links; one that does not exist yet, through its folder's (`link-to-dir/new.json`). */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const dir = path.dirname(file);
    return dir === file ? file : path.join(realPath(dir), path.basename(file));
  }
}

const inside = (root: string, target: string): boolean => target === root || target.startsWith(`${root}${path.sep}`);

/** One thing the audit reads: a file, or a folder whose files (those `reads` accepts) it reads. */
interface EstateInput {
  root: string;
  folder: boolean;
  what: string;
  reads?: (file: string) => boolean;
}

/** Whether the code scan reads a file by its name: a language's extension, or a Dockerfile. */
async function scannedName(): Promise<(file: string) => boolean> {
  // Loaded only for an estate with `code:`, which loads the scanner anyway.
  const [{ LANGUAGES }, { isDockerfile }] = await Promise.all([
    import('../adapters/code/languages/registry'),
    import('../adapters/code/dockerfile-env'),
  ]);
  const extensions = Object.values(LANGUAGES).flatMap((l) => l.extensions);
  return (file) => isDockerfile(path.basename(file)) || extensions.some((e) => file.endsWith(e));
}

/** Everything on disk the estate's audit reads besides the estate file: recorded sources, the baseline file, code trees. */
async function estateInputs(estate: Estate): Promise<EstateInput[]> {
  const baseDir = path.dirname(path.resolve(estate.file));
  const out: EstateInput[] = [];
  for (const env of estate.environments)
    for (const spec of env.sources)
      for (const from of recordedFrom(spec) ?? []) {
        const root = realPath(path.resolve(baseDir, from));
        out.push({
          root,
          folder: statSync(root, { throwIfNoEntry: false })?.isDirectory() ?? false,
          what: `${env.name}'s ${spec.type} source ${from}`,
        });
      }
  if (path.resolve(estate.baseline.file) !== path.resolve(estate.file))
    out.push({ root: realPath(path.resolve(estate.baseline.file)), folder: false, what: 'the baseline file' });
  if (estate.code?.length) {
    const reads = await scannedName();
    for (const tree of estate.code)
      out.push({ root: realPath(path.resolve(baseDir, tree.path)), folder: true, what: `the code tree ${tree.path}`, reads });
  }
  return out;
}

/**
 * What a file would overwrite or join among the estate's inputs (in words), or undefined: a report
 * written there would replace what the audit read, or be read as configuration or code next run.
 */
export async function estateInputAt(estate: Estate): Promise<(file: string) => string | undefined> {
  const inputs = await estateInputs(estate);
  return (file) => {
    const real = realPath(file);
    return inputs.find((i) => (i.folder ? inside(i.root, real) && (i.reads?.(real) ?? true) : i.root === real))?.what;
  };
}
