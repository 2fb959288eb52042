/**
 * A relative path as finding locations spell it (`config/../env/a.env` as `env/a.env`, no `./`);
 * undefined for an absolute path, which locations spell relative to the estate's folder.
 */
export function locationPath(written: string): string | undefined {
  if (written.startsWith('/') || /^[A-Za-z]:[\\/]/.test(written)) return undefined;
  const parts: string[] = [];
  for (const part of written.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Whether a location names a value of one of a source's `from` files, as `names` tells for each
 * file's path; undefined when a `from` is absolute and so cannot be compared.
 */
export function readsFile(from: readonly string[], names: (file: string) => boolean): boolean | undefined {
  const paths = from.map(locationPath);
  if (paths.some((p) => p === undefined)) return undefined;
  return (paths as string[]).some(names);
}
