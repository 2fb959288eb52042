import { SourceInputError } from './errors';

/**
 * The most values (`{`, `[` and `,`) a JSON configuration file or manifest may have. A kubectl dump as
 * large as a recorded input may be (64 MiB) has about 3 million; a file of tiny values packs 20 million
 * into the same bytes, and reading each as an object took 37 s and 3.3 GB (a List of {}) or 43 s and
 * 3.7 GB (an array of {} in a settings file).
 */
export const MAX_JSON_VALUES = 4_000_000;

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const COMMA = 44;

/** Whether `text` (a string or its UTF-8 bytes) holds more `{`, `[` and `,` than `max`: about how many values parsing it makes. */
export function jsonValuesOver(text: string | Uint8Array, max = MAX_JSON_VALUES): boolean {
  // Each value takes at least one byte: a file no longer than the limit is not scanned (the files of a big estate).
  if (text.length <= max) return false;
  // Each mark is found by the native search, not a loop over every byte: a file of long values has far fewer marks than bytes.
  let n = 0;
  if (typeof text === 'string') {
    for (const c of ['{', '[', ',']) for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) if (++n > max) return true;
  } else {
    for (const c of [OPEN_BRACE, OPEN_BRACKET, COMMA])
      for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) if (++n > max) return true;
  }
  return false;
}

/** The error of a JSON file with too many values (see MAX_JSON_VALUES). */
export const tooManyJsonValues = (file: string): SourceInputError =>
  new SourceInputError(`${file}: over ${MAX_JSON_VALUES} JSON values (objects, lists and items), too many to read`);
