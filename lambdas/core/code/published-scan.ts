import type { CodeScan } from './code-read';
import { CodeTreeError } from './code-tree-error';

export const CODE_SCAN_SCHEMA = 'drift-code-scan/v1';

/** What `drift publish` uploads beside an estate that declares `code:`: each tree's scan, by the path drift.yaml gives it. */
export interface PublishedScan {
  schema: typeof CODE_SCAN_SCHEMA;
  trees: Array<{ path: string; scan: CodeScan }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const READ_FIELDS = { name: 'string', key: 'string', file: 'string', line: 'number', column: 'number', language: 'string', via: 'string' };

function isScan(v: unknown): v is CodeScan {
  if (!isObject(v) || !Array.isArray(v.reads) || !Array.isArray(v.skipped) || !isObject(v.files)) return false;
  return v.reads.every(
    (r) =>
      isObject(r) &&
      Object.entries(READ_FIELDS).every(([f, t]) => typeof r[f] === t) &&
      isObject(r.fallback) &&
      (r.fallback.kind === 'none' || r.fallback.kind === 'default'),
  );
}

/** Reads a published scan (JSON); a CodeTreeError when it is not one. */
export function parsePublishedScan(text: string, where: string): PublishedScan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CodeTreeError(`${where} is not JSON`);
  }
  if (!isObject(doc) || doc.schema !== CODE_SCAN_SCHEMA || !Array.isArray(doc.trees))
    throw new CodeTreeError(`${where} is not a ${CODE_SCAN_SCHEMA} document`);
  for (const t of doc.trees)
    if (!isObject(t) || typeof t.path !== 'string' || !isScan(t.scan)) throw new CodeTreeError(`${where} holds a tree that is not a scan`);
  return doc as unknown as PublishedScan;
}
