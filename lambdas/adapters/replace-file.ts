import type { Stats } from 'node:fs';
import { chmodSync, closeSync, constants, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeCrypto } from '../core/on-demand/node-crypto';

/** The system's own folders: `/dev/stderr` is a link to the process's descriptor, wherever the shell sent it. */
const SYSTEM_FOLDERS = ['/dev/', '/proc/'];

/**
 * True where writing `file` writes to what it leads to, a link followed: a character device or a FIFO
 * (a process substitution's `/dev/fd/63`, `/dev/null`), and whatever is named under /dev or /proc
 * (`/dev/stderr` is the process's descriptor, a file when `2>log`): named on purpose, and no file to
 * rename over (replacing /dev/stderr would replace the system's link, for every process).
 */
export function writesThrough(file: string): boolean {
  const abs = path.resolve(file);
  if (SYSTEM_FOLDERS.some((folder) => abs.startsWith(folder))) return true;
  const to = statSync(abs, { throwIfNoEntry: false });
  return to !== undefined && (to.isCharacterDevice() || to.isFIFO());
}

/** Writes `data` to an open file and closes it, whatever happens. */
function writeAndClose(fd: number, data: string | Uint8Array): void {
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** The system's answers where no file can be made in a folder (the temporary file beside the target). */
const CANNOT_MAKE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Writes `data` beside `target` and renames it over `target`; `mode` for the new file (the umask's when undefined, a replaced file's kept). */
function renameOver(target: string, data: string | Uint8Array, mode: number | undefined, keepMode: Stats | undefined): void {
  // Random, and made exclusively (wx does not follow a link): a name committed beside the target is never written through.
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.drift-${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`,
  );
  const fd = openSync(temp, 'wx', keepMode ? 0o600 : (mode ?? 0o666));
  try {
    writeAndClose(fd, data);
    // The mode given to writeFileSync passes through the umask; chmod does not (a 0640 file stays 0640).
    if (keepMode) chmodSync(temp, keepMode.mode & 0o7777);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Writes an output file drift makes or replaces (a report, a recording's file, the store's holder
 * record): written beside its path and renamed over it, so an interrupted write never leaves half a
 * file, and a symbolic link at that path is replaced by the file, never followed. A link committed to
 * a repository (`report.txt -> ~/.bashrc`) would otherwise have a CI job write drift's text, which
 * starts with keys the pull request chose, into whatever file it names. A character device or a
 * FIFO (`/dev/stdout`, `>(…)`) is written to. A regular file keeps its permissions; where its folder
 * takes no new file (a writable file in a read-only folder) it is written in place, never through a link.
 */
export function writeFileAtOnce(file: string, data: string | Uint8Array, opts: { mode?: number } = {}): void {
  if (writesThrough(file)) {
    writeFileSync(file, data);
    return;
  }
  const own = lstatSync(file, { throwIfNoEntry: false });
  const regular = own?.isFile() ? own : undefined;
  try {
    renameOver(file, data, opts.mode, regular);
  } catch (err) {
    if (!regular || !CANNOT_MAKE.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    // O_NOFOLLOW: a link put there since is refused (ELOOP), not followed.
    writeAndClose(openSync(file, constants.O_WRONLY | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0)), data);
  }
}

/**
 * Replaces the estate file's text at once (init, adopt: comments and layout kept). Where `file` is a
 * symbolic link, the file it leads to is replaced (renamed over, the link itself would become a copy
 * and the file it names keep the old text), as the user named the link to edit the estate (a monorepo's
 * shared drift.yaml); it must read as an estate file first. The permissions are the file's (a new file
 * takes the umask's: a 0600 estate file would be left readable by all).
 */
export function replaceFileAtOnce(file: string, text: string): void {
  const target = realpathSync(file);
  renameOver(target, text, undefined, statSync(target));
}
