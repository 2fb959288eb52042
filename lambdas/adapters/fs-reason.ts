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
