import { spawnSync } from 'node:child_process';
import { shellQuote } from '../../lambdas/core/shell-quote';

/** What bash makes of one quoted word. */
const throughBash = (word: string): string => spawnSync('bash', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' }).stdout;

describe('shellQuote', () => {
  test.each([
    ['plain words stay bare', 'INFO', 'INFO'],
    ['paths and parameter names stay bare', '/production-us/checkout/api/timeout', '/production-us/checkout/api/timeout'],
    ['spaces are single-quoted', 'Free shipping today', "'Free shipping today'"],
    ['a dollar sign is not expanded', 'pa$HOME', "'pa$HOME'"],
    ['a single quote is closed, escaped and reopened', "it's", "'it'\\''s'"],
    ['an empty value is an empty word', '', "''"],
    ['a newline becomes an escape on one line', 'a\nb', "$'a\\nb'"],
    ['a terminal escape never goes out raw', 'x\u001b[31m', "$'x\\x1b[31m'"],
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
});
