import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's text at once: written beside it and renamed over it, so an interrupted write never
 * leaves half a file. Where `file` is a symbolic link, the file it leads to is replaced (renamed over,
 * the link itself would become a copy and the file it names keep the old text), and the permissions
 * are the file's (a new file takes the umask's: a 0600 estate file would be left readable by all).
 */
export function replaceFileAtOnce(file: string, text: string, tag: string): void {
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${tag}-${process.pid}`);
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
