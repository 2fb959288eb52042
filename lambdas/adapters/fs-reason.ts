import type { Stats } from 'node:fs';

const REASONS: Record<string, string> = {
  ENOENT: 'not found',
  ENOTDIR: 'not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ELOOP: 'too many symbolic links',
};

/**
 * Why a file could not be read, in words, from a file-system error's code; undefined for a code without words. Never the
 * OS message: it holds the absolute path, and the caller names the file as the user wrote it.
 */
export const fsReason = (err: unknown): string | undefined => REASONS[(err as NodeJS.ErrnoException | undefined)?.code ?? ''];

/** A file-system error's code (`EIO`), for one fsReason has no words for. */
export const fsCode = (err: unknown): string => (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';

/**
 * Why a path that is neither a file nor a folder is not read, in words (`is a named pipe, not a file drift can read to
 * its end`); undefined for a file or a folder. Reading one would wait for a writer (a named pipe) or never end (/dev/zero).
 */
export function notAFileReason(info: Stats): string | undefined {
  if (info.isFile() || info.isDirectory()) return undefined;
  const what = info.isFIFO()
    ? 'a named pipe'
    : info.isCharacterDevice()
      ? 'a character device'
      : info.isBlockDevice()
        ? 'a block device'
        : info.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return `is ${what}, not a file drift can read to its end`;
}
