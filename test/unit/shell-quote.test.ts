import { spawnSync } from 'node:child_process';
import { shellQuote } from '../../lambdas/core/shell-quote';

/** What a shell makes of one quoted word: bash, and `sh` (dash here: POSIX, no `$'…'`). */
const through = (shell: string, word: string): string => spawnSync(shell, ['-c', `printf '%s' ${word}`], { encoding: 'utf8' }).stdout;
const throughBash = (word: string): string => through('bash', word);
// Drawn by no character of its own, or acted on by a terminal: only a newline may appear raw.
const UNSHOWN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;

describe('shellQuote', () => {
  test.each([
    ['plain words stay bare', 'INFO', 'INFO'],
    ['paths and parameter names stay bare', '/production-us/checkout/api/timeout', '/production-us/checkout/api/timeout'],
    ['spaces are single-quoted', 'Free shipping today', "'Free shipping today'"],
    ['a dollar sign is not expanded', 'pa$HOME', "'pa$HOME'"],
    ['a single quote is closed, escaped and reopened', "it's", "'it'\\''s'"],
    ['an empty value is an empty word', '', "''"],
    ['a newline stays inside the single quotes, as POSIX sh reads it', 'a\nb', "'a\nb'"],
    ['a terminal escape never goes out raw', 'x\u001b[31m', `'x'"$(printf '\\033')"'[31m'`],
  ])('%s', (_name, text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
  });

  test.each([
    'double "quotes" and \'single\' ones',
    'dollar $PATH and `backticks` and $(commands)',
    'back\\slash; semi & pipe | star * glob ?',
    'line one\nline two\ttabbed',
    'bell \u0007 and C1 \u0085 and é',
    '--value',
  ])('bash reads %j back exactly', (text) => {
    expect(throughBash(shellQuote(text))).toBe(text);
  });

  test.each([
    'double "quotes" and \'single\' ones',
    "it's $(touch /tmp/drift-never) `touch /tmp/drift-never` \\ $HOME",
    'line one\nline two\n',
    'ends in two newlines\n\n',
    '\n',
    'tab\there, CR\r, ESC \u001b[2J, bell \u0007, C1 \u0085 \u009b',
    'bidi \u202eoverride\u202c, zero\u200bwidth, BOM \ufeff, line sep \u2028 é 🎉',
    "'",
  ])("sh (POSIX, no $'…') reads %j back exactly, and nothing unshown goes out raw", (text) => {
    const quoted = shellQuote(text);
    expect(quoted).not.toMatch(UNSHOWN);
    expect(through('sh', quoted)).toBe(text);
    expect(throughBash(quoted)).toBe(text);
  });

  test('a lone surrogate, which no terminal can show, never goes out raw', () => {
    expect(shellQuote('a\ud800b')).not.toMatch(/\p{Cs}/u);
  });
});
