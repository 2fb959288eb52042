// Node 20's JSON.parse quotes the input around a syntax error and often gives no position, so the
// position is found here instead and the engine's message is never shown.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];
const WHITESPACE: ReadonlySet<string> = new Set([' ', '\t', '\n', '\r']);

/** Index just past a JSON string starting at `start` (a quote), or the offset of its error as -(offset+1). */
function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -(i + 1);
    if (c === 0x5c) {
      const e = text[i + 1] ?? '';
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if ('"\\/bfnrt'.includes(e) && e !== '') i += 1;
      else return -(i + 1);
    }
  }
  return -(text.length + 1);
}

/** Index just past the scalar at `i`, or -(offset+1) of its error. */
function scanScalar(text: string, i: number): number {
  if (text[i] === '"') return scanString(text, i);
  // A sticky pattern's lastIndex is state: each use has its own copy.
  const number = new RegExp(NUMBER);
  number.lastIndex = i;
  if (number.test(text)) return number.lastIndex;
  const literal = LITERALS.find((l) => text.startsWith(l, i));
  return literal ? i + literal.length : -(i + 1);
}

/** Offset of the first syntax error in `text` as JSON, or -1 if it is valid. Iterative and linear. */
export function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
    const c = text[i];
    const top = stack[stack.length - 1];
    if (state === 'value') {
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          state = 'after';
        } else state = c === '{' ? 'key' : 'value';
        continue;
      }
      const end = scanScalar(text, i);
      if (end < 0) return -end - 1;
      i = end;
      state = 'after';
    } else if (state === 'key') {
      if (c !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else {
      if (top === undefined) return i === text.length ? -1 : i;
      if (c === ',') state = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) stack.pop();
      else return i;
      i++;
    }
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
