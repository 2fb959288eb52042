import { apiReadFor, apiReadSummary } from './api-reads';
import type { ApiRead, CodeRead, OpenRead } from './code-read';
import type { CodeReads } from './code-reads';
import { openReadsOf, openReadSummary } from './open-reads';
import { readsOfKey, readSummary } from './reads-of-key';

/** The code's reads as a scan found them. */
export interface ScannedReads {
  reads: CodeReads;
  apiReads?: readonly ApiRead[];
  openReads?: readonly OpenRead[];
}

/**
 * How the code reads one key, as the audit's documents give it: `code`, its reads by name (empty when none);
 * without them `codeApi`, a read through the API of a service that sets it; without either `codeOpen`, a read
 * of a name made as the code runs that starts as the key does (`FEATURE_${f}`).
 */
export interface KeyCodeRead {
  code: readonly CodeRead[];
  codeApi?: ApiRead;
  codeOpen?: OpenRead;
}

/** How the code reads `key`; `sourceTypes` gives the types of the sources that set it (whose APIs would read it). */
export function keyCodeRead(scan: ScannedReads, key: string, sourceTypes: () => Iterable<string>): KeyCodeRead {
  const code = readsOfKey(scan.reads, key);
  if (code.length) return { code };
  const codeApi = apiReadFor(scan.apiReads, sourceTypes());
  if (codeApi) return { code, codeApi };
  const codeOpen = openReadsOf(scan.openReads, key).read;
  return codeOpen ? { code, codeOpen } : { code };
}

/** Whether the code reads the key, by any of the ways keyCodeRead knows. */
export const isReadByCode = (r: KeyCodeRead): boolean => r.code.length > 0 || r.codeApi !== undefined || r.codeOpen !== undefined;

/** One line for where the code reads the key (`src/app.py:12 (default "8080")`); undefined when it does not. */
export function keyCodeReadSummary(r: Partial<KeyCodeRead>): string | undefined {
  if (r.code?.length) return readSummary(r.code);
  if (r.codeApi) return apiReadSummary(r.codeApi);
  return r.codeOpen ? openReadSummary(r.codeOpen) : undefined;
}
