import { quotedScalar, resolvePlain, skipSpaces, type QuoteEnd } from './yaml-scalars';

// One-line flow sequences of scalars (`args: ["--port", "8080"]`) for the fast YAML path (see
// yaml-fast.ts). Plain items are kept to characters that mean the same in flow and block context;
// nested collections, `key: value` items, empty items and trailing commas are left to the package.

const SPACE = 32;
const COMMA = 44;
const CLOSE = 93;
const FLOW_PLAIN = /^(?!-$)[A-Za-z0-9_./=+~-]+$/;

const isPlainChar = (c: number): boolean => c !== SPACE && c !== COMMA && c !== CLOSE;

/** The items of the flow sequence whose `[` is at `p`, the index after its `]` put in `out`; undefined outside the subset. */
export function flowSequence(text: string, p: number, end: number, out: QuoteEnd): unknown[] | undefined {
  const items: unknown[] = [];
  let q = skipSpaces(text, p + 1, end);
  if (text.charCodeAt(q) === CLOSE) {
    out.after = q + 1;
    return items;
  }
  for (;;) {
    const c = text.charCodeAt(q);
    if (c === 34 || c === 39) {
      const quoted = quotedScalar(text, q, end, out);
      if (quoted === undefined) return undefined;
      items.push(quoted);
      q = out.after;
    } else {
      let e = q;
      while (e < end && isPlainChar(text.charCodeAt(e))) e++;
      const plain = text.slice(q, e);
      if (!FLOW_PLAIN.test(plain)) return undefined;
      items.push(resolvePlain(plain));
      q = e;
    }
    q = skipSpaces(text, q, end);
    const next = text.charCodeAt(q);
    if (q < end && next === CLOSE) {
      out.after = q + 1;
      return items;
    }
    if (q >= end || next !== COMMA) return undefined;
    q = skipSpaces(text, q + 1, end);
    if (q >= end || text.charCodeAt(q) === CLOSE) return undefined;
  }
}
