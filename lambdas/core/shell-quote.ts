const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Characters a terminal would act on, or that draw nothing or reorder what follows (bidi overrides,
// zero-width spaces, the BOM, line and paragraph separators, lone surrogates): never written raw. A newline is
// written as itself inside single quotes, where every POSIX shell keeps it.
const UNSHOWN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Cs}\u2028\u2029]/u;
const UNSHOWN_RUNS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Cs}\u2028\u2029]+/gu;

/** The UTF-8 bytes of a run of characters, as octal escapes POSIX printf writes back (`\033`). */
function octalBytes(run: string): string {
  let out = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0)!;
    const bytes =
      cp < 0x80
        ? [cp]
        : cp < 0x800
          ? [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)]
          : cp < 0x10000
            ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
            : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
    for (const b of bytes) out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

const singleQuoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * One shell word holding `text` exactly, as POSIX sh, bash and zsh all read it: bare when it is
 * plain, in single quotes otherwise (a newline kept inside them). A character a terminal would act
 * on or that draws nothing is written as `"$(printf '\ooo')"` joined to the quoted parts, so the
 * command shows what it does and nothing reaches the terminal raw. Never `$'…'`: sh (dash) reads
 * that as `$` and a quoted word, and the rest of the value as commands.
 */
export function shellQuote(text: string): string {
  if (text !== '' && SAFE.test(text)) return text;
  if (!UNSHOWN.test(text)) return singleQuoted(text);
  let out = '';
  let at = 0;
  for (const m of text.matchAll(UNSHOWN_RUNS)) {
    if (m.index > at) out += singleQuoted(text.slice(at, m.index));
    // Never a newline in the run, so the command substitution drops nothing.
    out += `"$(printf '${octalBytes(m[0])}')"`;
    at = m.index + m[0].length;
  }
  if (at < text.length) out += singleQuoted(text.slice(at));
  return out;
}
