/**
 * JSON with comments (`//`, `/* … *\/`) and trailing commas, as .NET's configuration, VS Code and
 * many loaders read a `.json` settings file, turned into plain JSON of the same length: each comment
 * and trailing comma becomes spaces (a comment's line breaks are kept), so an error's offset, line
 * and column are those of the file as written. Strings are left as they are.
 */
export function jsonWithoutComments(text: string): string {
  const out = text.split('');
  // The last `,` outside strings and comments with only blanks after it: trailing when `}` or `]` comes next.
  let comma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      i = end;
      comma = -1;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? lineEnd(text, i) : commentEnd(text, i);
      for (let j = i; j < end; j++) if (out[j] !== '\n' && out[j] !== '\r') out[j] = ' ';
      i = end - 1;
    } else if (c === ',') comma = i;
    else if (c === '}' || c === ']') {
      if (comma >= 0) out[comma] = ' ';
      comma = -1;
    } else if (!/\s/.test(c ?? '')) comma = -1;
  }
  return out.join('');
}

const lineEnd = (text: string, from: number): number => {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
};

const commentEnd = (text: string, from: number): number => {
  const end = text.indexOf('*/', from + 2);
  return end < 0 ? text.length : end + 2;
};
