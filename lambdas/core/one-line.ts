import { sanitize } from './values/value';

/**
 * One line (no control characters or line breaks: each run of them and of white space is one space;
 * invisible characters and lone surrogates escaped as `sanitize` does), at most `max` code points
 * (no half emoji), ending with `…` when cut.
 */
export function oneLine(text: string, max: number): string {
  const line = sanitize(text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim());
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}
