import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type Module from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { makeFoldersSync } from '../adapters/make-folders';

/** How many other bundles' caches stay beside this one's. */
const KEPT_BUNDLES = 3;

/** A CommonJS module's body as a function, as Node.js's loader calls it. */
type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => unknown;

/**
 * A short stable name for a path (FNV-1a, 48 of its 64 bits): it tells installations apart, and costs
 * no node:crypto at start. What guards the cache is `ownFolder`, not this name.
 */
function pathId(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0').slice(0, 12);
}

/**
 * Where one bundle keeps its compiled code: a folder of the user's own under the OS temp folder, per
 * V8 version and per installation (`root`, the bundle's folder): V8 keeps the file names of the run
 * that wrote a cache, so another installation's would name its paths in every stack trace.
 */
export function codeCacheFolder(tmp: string, bundle: string, runtime: { v8: string; arch: string; uid?: number; root: string }): string {
  const base = `drift-code-cache${runtime.uid === undefined ? '' : `-${runtime.uid}`}`;
  const installation = pathId(path.resolve(runtime.root));
  return path.join(tmp, base, `${bundle}-${installation}-${runtime.v8}-${runtime.arch}`);
}

/**
 * True when `dir` is a real folder that only its owner, this user, may write: compiled code is run as
 * it is, so a cache in a shared temp folder is used only when nobody else could have planted it
 * (Windows, without user ids, has a temp folder per user).
 */
function ownFolder(dir: string, uid: number | undefined): boolean {
  const s = lstatSync(dir, { throwIfNoEntry: false });
  return s !== undefined && s.isDirectory() && (uid === undefined || (s.uid === uid && (s.mode & 0o022) === 0));
}

/**
 * V8's code cache for the CLI's chunks (Node.js 20 has none for ES modules): a chunk compiled once keeps
 * its bytecode in `dir`, one file per chunk and command, written after the command ran so it holds every
 * function the run compiled. `dir` is named by the bundle's hash, as V8 checks only a source's length:
 * no other bundle reads it. A cache that is missing, unreadable or that V8 rejects (another V8, other
 * flags, a damaged file) is compiled anew and rewritten; a folder that cannot be written only means no cache.
 */
export class CodeCache {
  private readonly fresh: { script: Script; file: string }[] = [];
  private trusted?: boolean;

  constructor(
    private readonly dir: string | undefined,
    private readonly command: string,
    private readonly uid?: number,
  ) {}

  /** The module function of `source`, from the cached code when the cache holds it. */
  compile(filename: string, source: string): ModuleFunction {
    const file = this.dir && path.join(this.dir, `${path.basename(filename)}.${this.command}.v8`);
    let cachedData: Buffer | undefined;
    try {
      if (file && (this.trusted ??= ownFolder(path.dirname(path.dirname(file)), this.uid))) cachedData = readFileSync(file);
    } catch {
      // No cache yet (or unreadable): compile from the source.
    }
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new Script(wrapped, { filename, cachedData });
    if (file && (cachedData === undefined || script.cachedDataRejected)) this.fresh.push({ script, file });
    return script.runInThisContext() as ModuleFunction;
  }

  /** Writes the code of the chunks compiled afresh in this run, and says which files; never throws (a start without a cache is only slower). */
  save(): string[] {
    const written: string[] = [];
    if (!this.dir || !this.fresh.length) return written;
    try {
      const base = path.dirname(this.dir);
      makeFoldersSync(base, 0o700);
      if (!ownFolder(base, this.uid)) return written;
      // Other bundles' code: a rebuilt CLI never reads it again; the latest few stay, for two installs used in turn.
      const others = readdirSync(base)
        .filter((name) => name !== path.basename(this.dir as string))
        // Another start may be removing one just now.
        .map((name) => ({ at: path.join(base, name), written: statSync(path.join(base, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
        .sort((a, b) => b.written - a.written);
      for (const { at } of others.slice(KEPT_BUNDLES)) rmSync(at, { recursive: true, force: true });
      makeFoldersSync(this.dir, 0o700);
      // Written aside, then renamed: a concurrent start reads a whole cache or none.
      for (const { script, file } of this.fresh.splice(0)) {
        writeFileSync(`${file}.${process.pid}`, script.createCachedData());
        renameSync(`${file}.${process.pid}`, file);
        written.push(file);
      }
    } catch {
      // Not writable (a read-only temp folder, a full disk): the next start compiles again.
    }
    return written;
  }
}
