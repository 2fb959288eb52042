import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { SourceInputError } from '../core/sources/errors';
import { confinementProblem, TRUST_HINT } from './estate-confinement';
import { fsReason, notAFileReason } from './fs-reason';

/** Recorded inputs bigger than this are refused: a snapshot this size is a mistake, not a config. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** What one source's recorded inputs may hold together: a folder of thousands of large files would exhaust memory. */
export const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/** Extensions read from folders; files without an extension are read too. */
const FOLDER_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.env']);

/** Which files of a folder are inputs, by name (a kind may read fewer: see RecordedForm.folderFile). */
export type FolderFileFilter = (name: string) => boolean;

const anyInput: FolderFileFilter = (name) => {
  const ext = path.extname(name).toLowerCase();
  return ext === '' || FOLDER_EXTENSIONS.has(ext);
};

export interface ExpandOptions {
  trustPaths?: boolean;
  /** Which files a folder's walk keeps; files named in `from` are read whatever their name. */
  folderFile?: FolderFileFilter;
}

/** One recorded input file. */
export interface InputFile {
  /** Relative to the estate's folder, with forward slashes: what users see in errors. */
  file: string;
  abs: string;
  /** Its size when listed. */
  bytes: number;
}

/** A filesystem error as `relative/path: reason`, without the absolute path the OS message holds. */
export function describeFsError(err: unknown, file: string): SourceInputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = fsReason(err) ?? (code ? `cannot be read (${code})` : 'cannot be read');
  return new SourceInputError(`${file}: ${reason}`, { cause: err });
}

const relative = (baseDir: string, abs: string): string => path.relative(baseDir, abs).split(path.sep).join('/');

function checkedStat(abs: string, file: string): Stats {
  try {
    return statSync(abs);
  } catch (err) {
    throw describeFsError(err, file);
  }
}

const mib = (bytes: number): number => Math.ceil(bytes / 1024 / 1024);

const tooBig = (file: string, size: number): SourceInputError =>
  new SourceInputError(`${file}: ${mib(size)} MiB is over the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit for recorded inputs`);

/** Why one source may not read these files, all its entries' together: their sizes add up to more than MAX_SOURCE_BYTES. */
export function sourceTotalProblem(entries: readonly string[], files: readonly InputFile[]): string | undefined {
  let total = 0;
  for (const f of files) total += f.bytes;
  if (total <= MAX_SOURCE_BYTES) return undefined;
  const limit = MAX_SOURCE_BYTES / 1024 / 1024;
  return `${entries.join(', ')}: ${mib(total)} MiB in ${files.length} files is over the ${limit} MiB limit for one source's recorded inputs`;
}

/** A recorded path the estate may not read (see confinementProblem), as a source error. */
function checkConfined(baseDir: string, abs: string, file: string): void {
  const problem = confinementProblem(baseDir, abs);
  if (problem) throw new SourceInputError(`${file}: ${problem}; ${TRUST_HINT}`);
}

function walk(dirAbs: string, baseDir: string, out: InputFile[], trustPaths: boolean, keep: FolderFileFilter): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dirAbs, { withFileTypes: true });
  } catch (err) {
    throw describeFsError(err, relative(baseDir, dirAbs));
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dirAbs, entry.name);
    const file = relative(baseDir, abs);
    // Symbolic links are followed to files only, so a link cycle cannot make the walk endless.
    const info = entry.isSymbolicLink() ? checkedStat(abs, file) : entry;
    if (entry.isSymbolicLink() && info.isFile() && !trustPaths) checkConfined(baseDir, abs, file);
    if (info.isDirectory()) {
      if (!entry.isSymbolicLink()) walk(abs, baseDir, out, trustPaths, keep);
    } else if (info.isFile() && keep(entry.name)) {
      out.push({ file, abs, bytes: 0 });
    }
  }
}

/**
 * Expands recorded inputs (files, and folders recursively) into files sorted within each folder.
 * Unless `trustPaths`, each must stay inside the estate's folder and name nothing hidden, symbolic
 * links resolved (see confinementProblem), and all of them together within MAX_SOURCE_BYTES: else a
 * SourceInputError says so. Synchronous, as the
 * files are local and read one after another (see TextFileReader); expandInputs is the same, awaited.
 */
export function expandInputsNow(from: readonly string[], baseDir: string, opts: ExpandOptions = {}): InputFile[] {
  const trustPaths = opts.trustPaths ?? false;
  const keep = opts.folderFile ?? anyInput;
  const out: InputFile[] = [];
  for (const entry of from) {
    const abs = path.resolve(baseDir, entry);
    const file = relative(baseDir, abs) || '.';
    // A path written absolute is refused as written: relative to the folder it would be `../../etc/passwd`, another path.
    if (!trustPaths) checkConfined(baseDir, abs, path.isAbsolute(entry) ? entry : file);
    const info = checkedStat(abs, file);
    const other = notAFileReason(info);
    if (other) throw new SourceInputError(`${file}: ${other}`);
    if (!info.isDirectory()) {
      if (info.size > MAX_INPUT_BYTES) throw tooBig(file, info.size);
      out.push({ file, abs, bytes: info.size });
      continue;
    }
    const found: InputFile[] = [];
    walk(abs, baseDir, found, trustPaths, keep);
    found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const f of found) {
      f.bytes = checkedStat(f.abs, f.file).size;
      if (f.bytes > MAX_INPUT_BYTES) throw tooBig(f.file, f.bytes);
    }
    // A loop: spreading a folder of 100,000 files into push() would overflow the stack.
    for (const f of found) out.push(f);
  }
  const seen = new Set<string>();
  const files = out.filter((f) => !seen.has(f.abs) && seen.add(f.abs));
  const problem = sourceTotalProblem(from, files);
  if (problem) throw new SourceInputError(problem);
  return files;
}

/** expandInputsNow for callers that await it: a failure is a rejection. */
export const expandInputs = async (from: readonly string[], baseDir: string, opts: ExpandOptions = {}): Promise<InputFile[]> =>
  expandInputsNow(from, baseDir, opts);
