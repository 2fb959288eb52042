import type { CodeTreeSpec } from '../estate/model';
import { isRuntimeKey } from '../keys';
import { holdsSecretContent } from '../values/content-secrets';
import { byReadOrder, type ApiRead, type CodeRead, type CodeScan, type OpenRead, type ReadFallback } from './code-read';
import { codeKeyFilter, type CodeKeyFilter } from './platform-keys';

/** What reading one `code:` tree gave: its scan, or why it could not be read. */
export type TreeScan = { tree: CodeTreeSpec; scan: CodeScan } | { tree: CodeTreeSpec; error: string };

/** Reads per canonical key, in the order the scans sort them: what the audit result carries for reports and `drift diff`. */
export type CodeReads = ReadonlyMap<string, readonly CodeRead[]>;

/** What the code checks judge the environments against. */
export interface CodeAudit {
  /** Every tree's reads united, files relative to the estate file's folder. */
  reads: CodeReads;
  /** Trees that could not be read: `unread` is not judged then (a read may be missing). */
  failed: readonly { tree: string; error: string }[];
  /** Files of the trees the scan skipped (too large, unparsable, a link out of the tree), relative to the estate file's folder: a read there is not seen. */
  unscanned: readonly { file: string; reason: string }[];
  filter: CodeKeyFilter;
  /** Keys that set another key's reads (CodeRead.also), each with that key: `reads` lists them under both, `unset` judges the other only. */
  aliases: ReadonlyMap<string, string>;
  /** Where the code reads a configuration service through its API, files relative to the estate file's folder. */
  apiReads: readonly ApiRead[];
  /** Where the code reads variables by names the scan cannot list, files relative to the estate file's folder. */
  openReads: readonly OpenRead[];
}

/** `src/` + `cmd/main.go` → `src/cmd/main.go`: a tree's file as seen from the estate file's folder (an absolute tree, trusted, stays absolute). */
function underTree(tree: string, file: string): string {
  const parts = [...tree.split(/[\\/]/), ...file.split('/')].filter((p) => p !== '' && p !== '.');
  return `${tree.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

/** The default a read shows: none of a secret's (by the estate's policy on the key's name, or the literal's content) is kept. */
function shownFallback(fallback: ReadFallback, key: string, isSecretKey: (key: string) => boolean): ReadFallback {
  const secret =
    fallback.kind === 'default' && fallback.value !== undefined && (isSecretKey(key) || holdsSecretContent(fallback.value, key));
  return secret ? { kind: 'default', secret: true } : fallback;
}

/** The read with the defaults it shows, its hosts' environments' too (appsettings.Staging.json's). */
function shownDefaults(read: CodeRead, isSecretKey: (key: string) => boolean): CodeRead {
  const shown = { ...read, fallback: shownFallback(read.fallback, read.key, isSecretKey) };
  const hosts = read.hostEnvironments;
  if (!hosts) return shown;
  const byName = Object.fromEntries(Object.entries(hosts.byName).map(([name, f]) => [name, shownFallback(f, read.key, isSecretKey)]));
  return { ...shown, hostEnvironments: { ...hosts, byName, other: shownFallback(hosts.other, read.key, isSecretKey) } };
}

function shownRead(read: CodeRead, tree: string, isSecretKey: (key: string) => boolean): CodeRead {
  return { ...shownDefaults(read, isSecretKey), file: underTree(tree, read.file) };
}

/** The scan without the defaults the estate's policy makes secret: what may leave the machine (`drift publish`'s code-scan.json). */
export const withoutSecretDefaults = (scan: CodeScan, isSecretKey: (key: string) => boolean): CodeScan => ({
  ...scan,
  reads: scan.reads.map((r) => shownDefaults(r, isSecretKey)),
});

/** Unites the trees' reads by canonical key (files, lines and columns in order) and the ignore globs of every tree. */
export function codeAudit(scans: readonly TreeScan[], isSecretKey: (key: string) => boolean): CodeAudit {
  const all: CodeRead[] = [];
  const failed: { tree: string; error: string }[] = [];
  const unscanned: { file: string; reason: string }[] = [];
  const apiReads: ApiRead[] = [];
  const openReads: OpenRead[] = [];
  for (const s of scans) {
    if ('error' in s) failed.push({ tree: s.tree.path, error: s.error });
    else {
      for (const r of s.scan.reads) all.push(shownRead(r, s.tree.path, isSecretKey));
      for (const a of s.scan.apiReads ?? []) apiReads.push({ ...a, file: underTree(s.tree.path, a.file) });
      for (const o of s.scan.openReads ?? []) openReads.push({ ...o, file: underTree(s.tree.path, o.file) });
      for (const k of s.scan.skipped) unscanned.push({ file: underTree(s.tree.path, k.file), reason: k.reason });
    }
  }
  all.sort(byReadOrder);
  const reads = new Map<string, CodeRead[]>();
  const add = (key: string, r: CodeRead) => {
    const list = reads.get(key);
    if (list) list.push(r);
    else reads.set(key, [r]);
  };
  for (const r of all) add(r.key, r);
  // A key some read names itself is judged as that key, not as another's alias.
  const aliases = new Map<string, string>();
  for (const r of all)
    for (const a of r.also ?? [])
      if (!reads.has(a) || aliases.has(a)) {
        aliases.set(a, r.key);
        add(a, r);
      }
  return { reads, failed, unscanned, filter: codeKeyFilter(scans.flatMap((s) => s.tree.ignore)), aliases, apiReads, openReads };
}

/**
 * True when `unset` judges `key` where it is absent: the code reads it and the platform does not
 * provide it. `missing`, and `parity` where absence is the only difference, step aside for these.
 */
export const judgedByCode = (code: CodeAudit | undefined, key: string): boolean =>
  code !== undefined && code.reads.has(key) && !code.filter.provided(key) && !isRuntimeKey(key);
