import { byReadOrder, type CodeRead, type CodeScan, type ReadFallback } from '../code/code-read';
import type { Fingerprinter } from '../fingerprint';
import type { NameVerdicts } from '../sources/interner';
import { judged, replaced } from '../values/hidden-names';
import { hiddenKey } from './secret-key-names';

/** A default written for a credential's name is a secret, as a source's value under one is: not kept. */
const secretDefault = (f: ReadFallback): ReadFallback =>
  f.kind === 'default' && f.value !== undefined ? { kind: 'default', secret: true } : f;

function hiddenRead(r: CodeRead, parts: ReadonlyMap<string, string>): CodeRead {
  const hosts = r.hostEnvironments && {
    ...r.hostEnvironments,
    byName: Object.fromEntries(Object.entries(r.hostEnvironments.byName).map(([name, f]) => [name, secretDefault(f)])),
    other: secretDefault(r.hostEnvironments.other),
  };
  return {
    ...r,
    name: replaced(r.name, parts),
    key: hiddenKey(r.key, parts),
    fallback: secretDefault(r.fallback),
    ...(r.also ? { also: r.also.map((k) => hiddenKey(k, parts)) } : {}),
    ...(hosts ? { hostEnvironments: hosts } : {}),
  };
}

/**
 * A scan with each credential written as a read's name (`process.env["ghp_…"]`, an access key id
 * pasted as a variable's name) fingerprinted in place, as a source's snapshot spells that name
 * (`secret_1a2b3c4d`, key `secret.1a2b3c4d`): `drift code scan`, `code check` and the audit's `unset`
 * findings never print it, and `unset`/`unread` still pair the read with the source's key. Where the
 * code reads enter the CLI (the fingerprinter is the estate's); the scan's order (by key) is kept.
 */
export function hiddenCodeScan(scan: CodeScan, fp: Fingerprinter): CodeScan {
  // What each name was judged, shared by the reads of one scan.
  const verdicts: NameVerdicts = new Map();
  let hidden = false;
  const reads = scan.reads.map((r) => {
    const parts = judged(r.name, fp, verdicts);
    if (!parts) return r;
    hidden = true;
    return hiddenRead(r, parts);
  });
  if (!hidden) return scan;
  reads.sort(byReadOrder);
  return { ...scan, reads };
}
