/** `text` without the slashes it ends with (`a/b//` → `a/b`): the run is matched where it starts, so a long one is read once. */
export const withoutTrailingSlashes = (text: string): string => text.replace(/(?<!\/)\/+$/, '');
