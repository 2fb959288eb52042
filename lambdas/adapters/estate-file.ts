import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { EstateProblem } from '../core/estate/estate-error';
import { assembleEstate, parseBaselineDocument, parseEstateDocument, type EstateResult } from '../core/estate/parse-estate';
import { positionAt } from '../core/estate/yaml-positions';

const reason = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (err as Error).message;
};

/** Reads and validates an estate file and the baseline file it names, if any. */
export async function loadEstate(file: string): Promise<EstateResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `cannot read the estate file: ${reason(err)}` }] };
  }
  const doc = parseEstateDocument(text, file);
  if (!doc.ok) return doc;
  const dir = path.dirname(path.resolve(file));
  const defaultName = path.basename(dir);
  if (typeof doc.raw.baseline !== 'string') return assembleEstate(doc, defaultName);

  const baselineFile = path.join(path.dirname(file), doc.raw.baseline);
  let baselineText: string;
  try {
    baselineText = await readFile(baselineFile, 'utf8');
  } catch (err) {
    const problem: EstateProblem = { ...positionAt(doc.yaml, ['baseline']), message: `cannot read the baseline file ${doc.raw.baseline}: ${reason(err)}` };
    return { ok: false, problems: [problem] };
  }
  const baseline = parseBaselineDocument(baselineText, baselineFile);
  if (!baseline.ok) return baseline;
  return assembleEstate(doc, defaultName, baseline);
}
