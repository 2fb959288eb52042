import fc from 'fast-check';
import { replaceSpans, urlSecretSpans } from '../../../lambdas/core/values/url-secrets';

const hidden = (text: string): string => replaceSpans(text, urlSecretSpans(text), () => '***');

describe('urlSecretSpans', () => {
  it.each([
    ['postgres://orders:pw@db:5432/orders', 'postgres://orders:***@db:5432/orders'],
    ['redis://:s3cr3t@cache:6379/0', 'redis://:***@cache:6379/0'],
    // The userinfo ends at the last `@` of the authority, as URL parsers read it.
    ['postgres://app:p@ss@db/orders', 'postgres://app:***@db/orders'],
    ['amqp://user:a?b#c@mq:5672/vhost', 'amqp://user:***@mq:5672/vhost'],
    ['mongodb://app:pw@h1:27017,h2:27017/orders?replicaSet=rs0', 'mongodb://app:***@h1:27017,h2:27017/orders?replicaSet=rs0'],
    ['jdbc:postgresql://db:5432/orders?user=app&password=pw&ssl=true', 'jdbc:postgresql://db:5432/orders?user=app&password=***&ssl=true'],
    [
      'https://s3.amazonaws.com/b/k?X-Amz-Security-Token=abc&X-Amz-Expires=60',
      'https://s3.amazonaws.com/b/k?X-Amz-Security-Token=***&X-Amz-Expires=60',
    ],
    ['{"a":"postgres://u:one@h1/db","b":"redis://:two@h2"}', '{"a":"postgres://u:***@h1/db","b":"redis://:***@h2"}'],
    ['https://3f9a1c0e7b2d4a6f8e1b5c9d0a2f4e6b8c1d3e5f@github.com/org/repo', 'https://***@github.com/org/repo'],
    ['https://3f9a1c0e7b2d4a6f8e1b5c9d0a2f4e6b8c1d3e5f:x-oauth-basic@github.com/o/r', 'https://***:***@github.com/o/r'],
    // A password with a raw `/`, as generated passwords often hold.
    ['postgres://orders:Ab/cd+ef@db:5432/orders', 'postgres://orders:***@db:5432/orders'],
    ['DATABASE_URL="mysql://app:x/y@db/app" other', 'DATABASE_URL="mysql://app:***@db/app" other'],
    // A password with a quote (a sub-delimiter RFC 3986 allows raw in a userinfo), a backslash, a
    // backtick or an angle bracket: where a URL inside quoted text would end, but an `@` follows.
    ["postgres://app:it's7@db:5432/orders", 'postgres://app:***@db:5432/orders'],
    ['redis://:pa"ss@cache:6379', 'redis://:***@cache:6379'],
    ['amqp://app:back\\slash@mq/', 'amqp://app:***@mq/'],
    ['mongodb://app:a`b@mongo/x', 'mongodb://app:***@mongo/x'],
    ['postgres://app:a<b>c@db/x', 'postgres://app:***@db/x'],
    ["os.getenv('DB_URL', 'postgres://app:it\\'s7@db/x')", "os.getenv('DB_URL', 'postgres://app:***@db/x')"],
    // JSON as PHP's json_encode writes it, each `/` escaped.
    ['{"db":"postgres:\\/\\/app:hunter2@db.internal\\/main"}', '{"db":"postgres:\\/\\/app:***@db.internal\\/main"}'],
    [
      '{"cache":"redis:\\/\\/:s3cr3t@cache:6379\\/0","q":"amqp://u:pw@mq/"}',
      '{"cache":"redis:\\/\\/:***@cache:6379\\/0","q":"amqp://u:***@mq/"}',
    ],
  ])('%s hides its secret parts', (text, expected) => {
    expect(hidden(text)).toBe(expected);
  });

  it.each([
    'postgres://orders@db:5432/orders', // a user, no password
    'https://api.example.com:8443/v1?x=1',
    'https://example.com/path@v2/x',
    'mailto:ops@example.com',
    'user:pass@host', // no scheme: not a URL
    'INFO',
    'https://example.com?tokenUrl=https://idp',
    'https://svc_deploy_bot_2024_01@git.example.com/r', // a user's name, not a token
    'ssh://git@github.com/org/repo',
    'https://api.example.com:8443/users/ann@example.com', // a port, then a path with an `@`
    'https://api.example.com/users/ann@example.com',
    // Cut at a quote after a port, or at whitespace: the `@` further on is another word's.
    '{"a":"http://host:8080","mail":"ops@example.com"}',
    'see "http://host:abc" or ops@example.com',
  ])('%s has none', (text) => {
    expect(urlSecretSpans(text)).toEqual([]);
  });

  it('joins a URL in a secret parameter with its own password into one span', () => {
    expect(hidden('https://x/cb?password=postgres://u:pw@h/db')).toBe('https://x/cb?password=***');
  });

  it('hides every secret parameter the names allow, in any case and after others, as the quick test lets through', () => {
    // What the names are: a prefix of name characters, then a secret word (`api`, `access`, `private` with a separator or none before `key`).
    const word = fc.oneof(
      fc.constantFrom('password', 'passwd', 'pwd', 'secret', 'token', 'credential', 'signature'),
      fc.tuple(fc.constantFrom('api', 'access', 'private'), fc.constantFrom('', '_', '.', '-')).map(([w, s]) => `${w}${s}key`),
    );
    const name = fc
      .tuple(fc.string({ unit: fc.constantFrom('a', 'z', '0', '_', '.', '-'), maxLength: 4 }), word, fc.boolean())
      .map(([prefix, w, upper]) => `${prefix}${upper ? w.toUpperCase() : w}`);
    const scheme = fc.constantFrom('https://', 'postgres://u:pw@', 'https:\\/\\/');
    fc.assert(
      fc.property(scheme, fc.array(fc.constantFrom('k0=v', 'region=eu', 'x'), { maxLength: 3 }), name, (start, others, secretName) => {
        const text = `${start}host/p?${[...others, `${secretName}=S3cr3tValue`].join('&')}`;
        expect(hidden(text).endsWith(`${secretName}=***`)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads each URL of a text, the next one written with escaped slashes or not', () => {
    expect(hidden('https://a.example.com/x and redis:\\/\\/:s3cr3t@cache:6379')).toBe(
      'https://a.example.com/x and redis:\\/\\/:***@cache:6379',
    );
    expect(hidden('redis:\\/\\/cache:6379 then amqp://u:pw@mq/')).toBe('redis:\\/\\/cache:6379 then amqp://u:***@mq/');
  });
});
