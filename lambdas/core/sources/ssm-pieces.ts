import { checkParameters, type SsmParameter } from './ssm-export';

/** About how much of an export is parsed at a time. */
const PIECE_BYTES = 64 * 1024;
/** Cuts tried per piece before giving up (each failed one costs a parse of the piece). */
const MAX_CUTS_PER_PIECE = 8;

const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const KEY = Array.from('"Parameters"', (c) => c.charCodeAt(0));

type Page = { Parameters: unknown[] };
const isPage = (v: unknown): v is Page =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as Record<string, unknown>).Parameters);

const isBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipBlanks(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isBlank(bytes[i])) i++;
  return i;
}

/** Where `"Parameters"` next occurs from `from`, or -1; found by its `P`, rare in exports. */
function findKey(bytes: Uint8Array, from: number): number {
  for (let p = bytes.indexOf(0x50, from + 1); p >= 0; p = bytes.indexOf(0x50, p + 1)) {
    let j = 0;
    while (j < KEY.length && bytes[p - 1 + j] === KEY[j]) j++;
    if (j === KEY.length) return p - 1;
  }
  return -1;
}

/** The index of the `}` of the next `},` at or after `from`, or -1. */
function nextCut(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(CLOSE_BRACE, from); i >= 0; i = bytes.indexOf(CLOSE_BRACE, i + 1)) if (bytes[i + 1] === COMMA) return i;
  return -1;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function checked(list: unknown[]): SsmParameter[] | undefined {
  try {
    return checkParameters(list);
  } catch {
    return undefined;
  }
}

/**
 * Reads a `get-parameters-by-path` page (`{"Parameters": [...]}`, JSON) from its UTF-8 bytes a piece
 * at a time, handing each piece's checked parameters to `use`, in order. A big export parsed whole
 * is one large string and all its objects alive at once (fresh memory, then garbage the collector
 * must copy); pieces of 64 KiB die young.
 *
 * A piece is cut at a `},` and parsed on its own: a cut inside a string leaves that string open and
 * one inside a nested object leaves it unclosed, so a piece that parses is a run of whole
 * parameters. Returns false as soon as anything is unusual (another shape, no cut that parses, a
 * parameter that fails its check, a second `"Parameters"` or a `\u` escape that could spell one
 * around the array): the caller then discards what it was given and parses the whole text, so
 * results and error messages are exactly those of a whole parse.
 */
export function eachParameterPiece(bytes: Uint8Array, use: (params: SsmParameter[]) => void): boolean {
  const decoder = new TextDecoder();
  const text = (from: number, to: number): string => decoder.decode(bytes.subarray(from, to));
  const start = skipBlanks(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  const key = findKey(bytes, start);
  if (bytes[start] !== 0x7b || key < 0 || findKey(bytes, key + 1) >= 0) return false;
  const colon = skipBlanks(bytes, key + KEY.length);
  const open = skipBlanks(bytes, colon + 1);
  if (bytes[colon] !== 0x3a || bytes[open] !== 0x5b) return false;
  const head = text(start, open + 1);
  const empty = parsed(`${head}]}`);
  if (head.includes('\\u') || !isPage(empty) || empty.Parameters.length !== 0) return false;

  let pos = open + 1;
  for (let cut = nextCut(bytes, pos + PIECE_BYTES); cut >= 0; cut = nextCut(bytes, pos + PIECE_BYTES)) {
    let list: unknown;
    for (let tries = 0; cut >= 0 && !Array.isArray((list = parsed(`[${text(pos, cut + 1)}]`))); tries++) {
      if (tries === MAX_CUTS_PER_PIECE) return false;
      cut = nextCut(bytes, cut + 1);
    }
    if (cut < 0) break;
    const params = checked(list as unknown[]);
    if (!params) return false;
    use(params);
    pos = cut + 2;
  }
  const tail = text(pos, bytes.length);
  const page = parsed(head + tail);
  const params = isPage(page) && !tail.includes('\\u') ? checked(page.Parameters) : undefined;
  if (!params) return false;
  use(params);
  return true;
}
