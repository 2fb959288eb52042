import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import * as path from 'node:path';

type Site = NodeJS.CallSite & { getEnclosingLineNumber?(): number | null; getEnclosingColumnNumber?(): number | null };

/** A source's path, which the map gives from the bundle's folder, as Node.js's own source maps tell it: absolute. */
const sourcePath = (bundle: string, source: string): string =>
  source.startsWith('file://') ? source.slice('file://'.length) : path.resolve(path.dirname(bundle), source);

/**
 * One frame of `bundle` told in its source's file, line and column (and the function's own name where
 * the map keeps it); any other frame, or one the map does not cover, as V8 writes it.
 */
function mappedFrame(site: Site, caller: Site | undefined, bundle: string, map: SourceMap): string {
  const text = String(site);
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (site.getFileName() !== bundle || line === null || column === null) return text;
  const entry = map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return text;
  const where = `${sourcePath(bundle, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const generated = `${bundle}:${line}:${column}`;
  const at = text.lastIndexOf(generated);
  if (at < 0) return text;
  let head = text.slice(0, at);
  const minified = site.getFunctionName();
  const name = originalName(site, caller, bundle, map);
  if (minified && name && name !== minified) head = head.replace(new RegExp(`(^|[ .])${escapeRegExp(minified)}(?=[ .]|$)`), `$1${name}`);
  return `${head}${where}${text.slice(at + generated.length)}`;
}

/**
 * The name the source gave the frame's function: the map's name at the function's start, else the
 * name its caller called it by (Node.js's own rule).
 */
function originalName(site: Site, caller: Site | undefined, bundle: string, map: SourceMap): string | undefined {
  const nameAt = (line: number | null | undefined, column: number | null | undefined): string | undefined => {
    if (line == null || column == null) return undefined;
    const entry = map.findEntry(line - 1, column - 1);
    return 'name' in entry && typeof entry.name === 'string' && entry.name ? entry.name : undefined;
  };
  return (
    nameAt(site.getEnclosingLineNumber?.(), site.getEnclosingColumnNumber?.()) ??
    (caller?.getFileName() === bundle ? nameAt(caller.getLineNumber(), caller.getColumnNumber()) : undefined)
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
 * Stack traces of `bundle` (a Lambda function's index.js) told in the source's files and lines through
 * the source map beside it, read only when a stack is first formatted. Node.js's --enable-source-maps
 * reads and parses the map (1–2 MB) as the bundle loads: 20–30 ms of every cold start, for a map that
 * most containers never use. Nothing is installed where no map lies beside `bundle` (tests, the CLI).
 */
export function mapStacksLazily(bundle: string, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): boolean {
  if (!existsSync(`${bundle}.map`)) return false;
  let map: SourceMap | null | undefined;
  const mapOf = (): SourceMap | null => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(read(`${bundle}.map`)) as SourceMapPayload);
      } catch {
        map = null; // An unreadable map leaves stacks as V8 writes them.
      }
    }
    return map;
  };
  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]): string => {
    const header = headerOf(error);
    try {
      const m = sites.some((s) => s.getFileName() === bundle) ? mapOf() : null;
      return header + sites.map((s, i) => `\n    at ${m ? mappedFrame(s, sites[i + 1], bundle, m) : String(s)}`).join('');
    } catch {
      return header + sites.map((s) => `\n    at ${String(s)}`).join('');
    }
  };
  return true;
}
