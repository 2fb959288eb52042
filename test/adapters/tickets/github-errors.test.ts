import { rateLimitWaitMs, SECONDARY_LIMIT_WAIT_MS } from '../../../lambdas/adapters/tickets/github/github-errors';

const NOW = 1_750_000_000_000;
const now = () => NOW;

describe("GitHub's rate-limit rules", () => {
  test.each([
    [
      'Retry-After in seconds comes first',
      429,
      { 'retry-after': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 900) },
      {},
      5000,
    ],
    ['Retry-After as an HTTP date', 403, { 'retry-after': new Date(NOW + 12_000).toUTCString() }, {}, 12_000],
    [
      'none remaining: until x-ratelimit-reset',
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 30) },
      {},
      30_000,
    ],
    [
      'a reset already past still waits a second',
      429,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) },
      {},
      1000,
    ],
    ['a 429 with no header: a minute', 429, {}, {}, SECONDARY_LIMIT_WAIT_MS],
    [
      'a 403 saying secondary rate limit: a minute',
      403,
      {},
      { message: 'You have exceeded a secondary rate limit.' },
      SECONDARY_LIMIT_WAIT_MS,
    ],
    [
      'a 403 with requests remaining and no word of a limit is no rate limit',
      403,
      { 'x-ratelimit-remaining': '4000' },
      { message: 'Resource not accessible by personal access token' },
      undefined,
    ],
    ['a 500 is never a rate limit', 500, { 'retry-after': '5' }, {}, undefined],
  ])('%s', (_name, status, headers, data, expected) => {
    expect(rateLimitWaitMs(status, headers, data, now)).toBe(expected);
  });
});
