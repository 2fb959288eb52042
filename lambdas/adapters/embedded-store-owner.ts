import * as path from 'node:path';
import type { AuditStore } from '../ports/audit-store';
import { loadEstate } from './estate-file';

/** The store markers naming each estate file that has audited an estate into it: `estate-file:<file name>`. */
const FILE_MARKER = 'estate-file:';

/**
 * The embedded store lives beside the estate file, so every estate file of a folder shares it. Two of
 * them under one estate name (neither writes `name:`, so both take the folder's) would take each other's
 * findings for their own: one run resolves what the other opened ("source removed"), the next opens it
 * again. Says which other file holds the name, or records this one as its holder; undefined when it is its own.
 */
export async function claimEstateName(store: AuditStore, estateName: string, estateFile: string, at: Date): Promise<string | undefined> {
  const own = path.basename(estateFile);
  const holders = await store.listMarkers(estateName, FILE_MARKER);
  for (const marker of holders.keys()) {
    const other = marker.slice(FILE_MARKER.length);
    if (other === own) continue;
    // A file renamed (it no longer loads) or given a name of its own since no longer holds it.
    const loaded = await loadEstate(path.join(path.dirname(estateFile), other));
    if (loaded.ok && loaded.estate.name === estateName) return other;
  }
  if (!holders.has(`${FILE_MARKER}${own}`)) await store.putMarker(estateName, `${FILE_MARKER}${own}`, at.toISOString());
  return undefined;
}
