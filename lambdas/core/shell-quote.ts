const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Characters a terminal would act on, or that single quotes cannot hold on one line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** One ANSI-C escape for a character single quotes cannot show safely. */
function escape(ch: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\\': '\\\\', "'": "\\'" };
  const known = named[ch];
  if (known) return known;
  if (!CONTROL.test(ch)) return ch;
  const code = ch.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One shell word holding `text` exactly: bare when it is plain, in single quotes otherwise, and as
 * `$'…'` (bash, zsh) when it holds control characters, so a command stays on one line and nothing
 * reaches the terminal raw.
 */
export function shellQuote(text: string): string {
  if (text !== '' && SAFE.test(text)) return text;
  if (!CONTROL.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  return `$'${[...text].map(escape).join('')}'`;
}
