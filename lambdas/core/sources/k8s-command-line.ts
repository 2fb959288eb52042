import type { Rec } from './shape';

/** A container's command line: its `command`, then its `args`, the words that are strings. */
export const words = (c: Rec): string[] =>
  [c.command, c.args].flatMap((l) => (Array.isArray(l) ? l.filter((w): w is string => typeof w === 'string') : []));

/** The value of the last `--flag=value` or `--flag value` of any of `names` on a command line. */
export function flag(line: readonly string[], names: readonly string[]): string | undefined {
  let found: string | undefined;
  line.forEach((w, i) => {
    for (const f of names) {
      if (w.startsWith(`${f}=`)) found = w.slice(f.length + 1);
      else if (w === f && line[i + 1] !== undefined) found = line[i + 1];
    }
  });
  return found;
}
