import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

type Site = NodeJS.CallSite & { getEnclosingLineNumber?(): number | null; getEnclosingColumnNumber?(): number | null };

/** A source's path, which the map gives from its bundle file's folder, as Node.js's own source maps tell it: absolute. */
const sourcePath = (bundleFile: string, source: string): string =>
  source.startsWith('file://') ? fileURLToPath(source) : path.resolve(path.dirname(bundleFile), source);

/** A bundle file's map, and its path (a frame names an ES module by its URL). */
interface FileMap {
  file: string;
  map: SourceMap;
}

/**
 * One frame of a bundle file told in its source's file, line and column (and the function's own name
 * where the map keeps it); any other frame, or one the map does not cover, as V8 writes it.
 */
function mappedFrame(site: Site, caller: Site | undefined, { file, map }: FileMap): string {
  const text = String(site);
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (line === null || column === null) return text;
  const entry = map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return text;
  const where = `${sourcePath(file, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const generated = `${site.getFileName()}:${line}:${column}`;
  const at = text.lastIndexOf(generated);
  if (at < 0) return text;
  let head = text.slice(0, at);
  const minified = site.getFunctionName();
  const name = originalName(site, caller, map);
  if (minified && name && name !== minified) head = head.replace(new RegExp(`(^|[ .])${escapeRegExp(minified)}(?=[ .]|$)`), `$1${name}`);
  return `${head}${where}${text.slice(at + generated.length)}`;
}

/**
 * The name the source gave the frame's function: the map's name at the function's start, else the
 * name its caller called it by (Node.js's own rule).
 */
function originalName(site: Site, caller: Site | undefined, map: SourceMap): string | undefined {
  const nameAt = (line: number | null | undefined, column: number | null | undefined): string | undefined => {
    if (line == null || column == null) return undefined;
    const entry = map.findEntry(line - 1, column - 1);
    return 'name' in entry && typeof entry.name === 'string' && entry.name ? entry.name : undefined;
  };
  return (
    nameAt(site.getEnclosingLineNumber?.(), site.getEnclosingColumnNumber?.()) ??
    (caller?.getFileName() === site.getFileName() ? nameAt(caller?.getLineNumber(), caller?.getColumnNumber()) : undefined)
  );
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first line of a stack, as V8 writes it. */
function headerOf(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}

/**
 * Stack traces of a Lambda function's bundle told in the source's files and lines, through the maps
 * beside its files, each read only when a stack first holds one of that file's frames. `bundle` is one
 * of its files (the caller's own); the bundle is every file of that folder with a map beside it (an
 * ES module build: the entry and its chunks). Node.js's --enable-source-maps reads and parses the
 * maps (1–2 MB) as the bundle loads: 20–30 ms of every cold start, for maps that most containers never
 * use. Nothing is installed where no map lies beside `bundle` (tests, the CLI).
 */
export function mapStacksLazily(bundle: string, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): boolean {
  if (!existsSync(`${bundle}.map`)) return false;
  const folder = path.dirname(bundle);
  // By the file name as a frame gives it (a path, or an ES module's URL); null: not the bundle's, or no map to read.
  const maps = new Map<string, FileMap | null>();
  const mapOf = (name: string | null): FileMap | null => {
    if (name === null) return null;
    let known = maps.get(name);
    if (known === undefined) {
      known = null;
      const file = name.startsWith('file://') ? fileURLToPath(name) : name;
      if (path.dirname(file) === folder) {
        try {
          known = { file, map: new SourceMap(JSON.parse(read(`${file}.map`)) as SourceMapPayload) };
        } catch {
          known = null; // An unreadable map, or none, leaves the file's frames as V8 writes them.
        }
      }
      maps.set(name, known);
    }
    return known;
  };
  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]): string => {
    const header = headerOf(error);
    try {
      return (
        header +
        sites
          .map((s, i) => {
            const m = mapOf(s.getFileName());
            return `\n    at ${m ? mappedFrame(s, sites[i + 1], m) : String(s)}`;
          })
          .join('')
      );
    } catch {
      return header + sites.map((s) => `\n    at ${String(s)}`).join('');
    }
  };
  return true;
}
