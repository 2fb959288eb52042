import { keyName, quotedScalar, resolvePlain, skipSpaces, type PlainResolver, type QuoteEnd } from './yaml-scalars';

// One-line flow sequences of scalars (`args: ["--port", "8080"]`) and flow mappings of scalars or
// such sequences (`- file: { from: dev.json }`, `{ enum: [DEBUG, INFO] }`) for the fast YAML path
// (see yaml-fast.ts). Plain items are kept to characters that mean the same in flow and block
// context; deeper nesting, `key: value` items in sequences, empty items, duplicate keys and
// trailing commas are left to the package.

const SPACE = 32;
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const CLOSE_MAP = 125;
const COLON = 58;
const FLOW_PLAIN = /^(?!-$)[A-Za-z0-9_./=+~-]+$/;

const isPlainChar = (c: number): boolean => c !== SPACE && c !== COMMA && c !== CLOSE;

/** The items of the flow sequence whose `[` is at `p`, the index after its `]` put in `out`; undefined outside the subset. */
export function flowSequence(
  text: string,
  p: number,
  end: number,
  out: QuoteEnd,
  resolve: PlainResolver = resolvePlain,
): unknown[] | undefined {
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
      items.push(resolve(plain));
      q = e;
    }
    const at = nextItem(text, q, end, CLOSE, out);
    if (at === undefined) return undefined;
    if (at === CLOSED) return items;
    q = at;
  }
}

/** The scalar (quoted, or plain up to a space, `,`, `:` or a bracket) at `q`, its end put in `out`; undefined outside the subset. */
function flowScalar(text: string, q: number, end: number, out: QuoteEnd, resolve: PlainResolver): unknown {
  const c = text.charCodeAt(q);
  if (c === 34 || c === 39) return quotedScalar(text, q, end, out);
  let e = q;
  while (e < end && isPlainChar(text.charCodeAt(e)) && text.charCodeAt(e) !== CLOSE_MAP && text.charCodeAt(e) !== COLON) e++;
  const plain = text.slice(q, e);
  if (!FLOW_PLAIN.test(plain)) return undefined;
  out.after = e;
  return resolve(plain);
}

/** The entries of the flow mapping of scalars and flow sequences of scalars whose `{` is at `p`, the index after its `}` put in `out`; undefined outside the subset. */
export function flowMapping(
  text: string,
  p: number,
  end: number,
  out: QuoteEnd,
  resolve: PlainResolver = resolvePlain,
): Record<string, unknown> | undefined {
  const map: Record<string, unknown> = {};
  let q = skipSpaces(text, p + 1, end);
  if (text.charCodeAt(q) === CLOSE_MAP) {
    out.after = q + 1;
    return map;
  }
  for (;;) {
    const key = flowScalar(text, q, end, out, resolve);
    if (key === undefined) return undefined;
    const name = keyName(key);
    q = out.after;
    // `key: value`, the colon right after the key; what toJS would not keep as a plain entry is left to the package.
    if (text.charCodeAt(q) !== COLON || text.charCodeAt(q + 1) !== SPACE) return undefined;
    if (name === '__proto__' || name === '<<' || Object.prototype.hasOwnProperty.call(map, name)) return undefined;
    q = skipSpaces(text, q + 2, end);
    const value = text.charCodeAt(q) === OPEN ? flowSequence(text, q, end, out, resolve) : flowScalar(text, q, end, out, resolve);
    if (value === undefined) return undefined;
    map[name] = value;
    const at = nextItem(text, out.after, end, CLOSE_MAP, out);
    if (at === undefined) return undefined;
    if (at === CLOSED) return map;
    q = at;
  }
}

const CLOSED = -1;

/**
 * After an item of a flow collection: CLOSED at its `close` (the index after it put in `out`), else
 * where the next item starts after a `,`; undefined for anything else (a trailing comma included).
 */
function nextItem(text: string, q: number, end: number, close: number, out: QuoteEnd): number | undefined {
  const at = skipSpaces(text, q, end);
  const c = text.charCodeAt(at);
  if (at < end && c === close) {
    out.after = at + 1;
    return CLOSED;
  }
  if (at >= end || c !== COMMA) return undefined;
  const next = skipSpaces(text, at + 1, end);
  return next >= end || text.charCodeAt(next) === close ? undefined : next;
}
