import { isRecord } from '../sources/shape';
import { SERVICE_NAMES } from './api-reads';
import type { CodeScan } from './code-read';
import { CodeTreeError } from './code-tree-error';

export const CODE_SCAN_SCHEMA = 'drift-code-scan/v1';

/** What `drift publish` uploads beside an estate that declares `code:`: each tree's scan, by the path drift.yaml gives it. */
export interface PublishedScan {
  schema: typeof CODE_SCAN_SCHEMA;
  trees: Array<{ path: string; scan: CodeScan }>;
}

const READ_FIELDS = { name: 'string', key: 'string', file: 'string', line: 'number', column: 'number', language: 'string', via: 'string' };

const isFallback = (f: unknown): boolean => isRecord(f) && (f.kind === 'none' || f.kind === 'default');

const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** CodeRead.hostEnvironments, when a read has it. */
const isHostFallbacks = (h: unknown): boolean =>
  h === undefined ||
  (isRecord(h) &&
    isFallback(h.other) &&
    isRecord(h.byName) &&
    Object.values(h.byName).every(isFallback) &&
    (h.variables === undefined || isStrings(h.variables)));

/** CodeRead.djangoSettings, when a read has it. */
const isSettingsScope = (d: unknown): boolean => d === undefined || (isRecord(d) && isStrings(d.loadedBy) && isStrings(d.others));

const SERVICES: ReadonlySet<string> = new Set(Object.keys(SERVICE_NAMES));
const isApiRead = (a: unknown): boolean =>
  isRecord(a) && SERVICES.has(a.service as string) && typeof a.file === 'string' && typeof a.line === 'number' && typeof a.via === 'string';

const isOpenRead = (o: unknown): boolean =>
  isRecord(o) &&
  typeof o.file === 'string' &&
  typeof o.line === 'number' &&
  typeof o.via === 'string' &&
  (o.prefix === undefined || typeof o.prefix === 'string');

function isScan(v: unknown): v is CodeScan {
  if (!isRecord(v) || !Array.isArray(v.reads) || !Array.isArray(v.skipped) || !isRecord(v.files)) return false;
  // Absent in a scan published before drift knew such reads.
  if (v.apiReads !== undefined && !(Array.isArray(v.apiReads) && v.apiReads.every(isApiRead))) return false;
  if (v.openReads !== undefined && !(Array.isArray(v.openReads) && v.openReads.every(isOpenRead))) return false;
  return v.reads.every(
    (r) =>
      isRecord(r) &&
      Object.entries(READ_FIELDS).every(([f, t]) => typeof r[f] === t) &&
      isFallback(r.fallback) &&
      isHostFallbacks(r.hostEnvironments) &&
      isSettingsScope(r.djangoSettings) &&
      (r.onlyWhereSet === undefined || isStrings(r.onlyWhereSet)) &&
      (r.also === undefined || isStrings(r.also)),
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
  if (!isRecord(doc) || doc.schema !== CODE_SCAN_SCHEMA || !Array.isArray(doc.trees))
    throw new CodeTreeError(`${where} is not a ${CODE_SCAN_SCHEMA} document`);
  for (const t of doc.trees)
    if (!isRecord(t) || typeof t.path !== 'string' || !isScan(t.scan)) throw new CodeTreeError(`${where} holds a tree that is not a scan`);
  return doc as unknown as PublishedScan;
}
