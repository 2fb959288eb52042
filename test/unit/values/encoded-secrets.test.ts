import fc from 'fast-check';
import { secretInText } from '../../../lambdas/core/values/content-secrets';
import { base64Texts, encodedTexts } from '../../../lambdas/core/values/encoded-texts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('credentials written encoded', () => {
  test.each([
    ['a token in base64', b64('ghp_Q2mLk7PzR4vWx9F2kQ7mZp4aB3cD5eF7gH9i')],
    ['an assignment in base64url', Buffer.from('password=Q2mLk7PzR4vWx9F2').toString('base64url')],
    ['a URL with a password, percent-encoded', encodeURIComponent('amqp://shop:Q2mLk7PzR4@mq:5672/')],
    ['a URL with a password, percent-encoded beside a stray %', `100% ${encodeURIComponent('amqp://shop:Q2mLk7PzR4@mq:5672/')}`],
    ['a base64 run inside a longer text', `config ${b64('{"db":{"password":"Q2mLk7PzR4vWx9F2"}}')} end`],
    // JSON as PHP's json_encode writes it (every `/` escaped), and a name spelt with a \u escape.
    [
      'a webhook URL in JSON, its slashes escaped',
      '{"hook":"https:\\/\\/hooks.slack.com\\/services\\/T0CANARY1\\/B0CANARY2\\/Xq7CanaryWebhookToken9Z"}',
    ],
    ['a secret-named setting spelt with a JSON escape', '{"\\u0070assword":"Q2mLk7PzR4vWx9F2"}'],
  ])('%s is a secret', (_name, text) => {
    expect(secretInText(text)).toBe(true);
  });

  test.each([
    ['base64 of plain settings', b64('{"logLevel":"info","retries":3,"region":"eu-west-1"}')],
    ['a sha256 digest in hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a percent-encoded path', encodeURIComponent('/orders/2026/report name.csv')],
    ['a long identifier', 'OrdersServiceRequestHandlerFactoryBeanPostProcessor'],
    ['JSON with escapes and no credential', '{"path":"a\\/b","note":"line\\nbreak","win":"C:\\\\temp"}'],
  ])('%s is not', (_name, text) => {
    expect(secretInText(text)).toBe(false);
  });

  test('binary that base64 decodes to is not read as text', () => {
    expect(encodedTexts('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toEqual([]);
  });
});

/** The plain reading encodedTexts' decoder must agree with: atob, then a strict UTF-8 decoder, then no control characters. */
function referenceBase64Texts(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{32,}={0,2}/g)) {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    if (standard.length % 4 === 1) continue;
    try {
      const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
      const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
      if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(decoded)) out.push(decoded);
    } catch {
      // not text
    }
  }
  return out;
}

describe('the base64 decoder, which refuses what cannot be text at its first bytes, reads runs as atob and a strict UTF-8 decoder do', () => {
  const encodedOf = fc.oneof(
    fc.string({ unit: 'binary', minLength: 20, maxLength: 80 }).map((s) => Buffer.from(s).toString('base64')),
    fc.string({ unit: 'binary', minLength: 20, maxLength: 80 }).map((s) => Buffer.from(s).toString('base64url')),
    fc.uint8Array({ minLength: 20, maxLength: 80 }).map((b) => Buffer.from(b).toString('base64')),
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_='),
      minLength: 30,
      maxLength: 90,
    }),
  );
  const text = fc.tuple(fc.string({ maxLength: 8 }), encodedOf, fc.string({ maxLength: 8 })).map(([a, run, b]) => `${a}${run}${b}`);

  test('on runs of any bytes, any text, and the alphabet at random', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(base64Texts(t)).toEqual(referenceBase64Texts(t));
      }),
      { numRuns: 3000, seed: 20261206 },
    );
  });

  test('on a run longer than the buffer most runs are decoded in, between shorter ones', () => {
    const short = b64('{"password":"Q2mLk7PzR4vWx9F2"}');
    const long = b64(`{"pad":"${'x'.repeat(5000)}","token":"Q2mLk7PzR4vWx9F2"}`);
    const text = `${short} ${long} ${short}`;
    expect(base64Texts(text)).toEqual(referenceBase64Texts(text));
    expect(base64Texts(text)).toHaveLength(3);
  });

  test('on several runs about the least length, apart by one character or more', () => {
    // Runs of 28 to 36 letters (text, random letters, padding) meet one another, and the text's ends, at any place.
    const letters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_');
    const run = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', minLength: 21, maxLength: 27 }).map((s) => Buffer.from(s).toString('base64url').slice(0, 36)),
      fc.string({ unit: letters, minLength: 28, maxLength: 36 }),
    );
    const apart = fc.string({ unit: fc.constantFrom(' ', '.', '=', '"', '%', 'é', '\n'), minLength: 1, maxLength: 3 });
    const texts = fc.array(fc.tuple(run, apart), { maxLength: 5 }).map((parts) => parts.map(([r, a]) => r + a).join(''));
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), texts, (head, t) => {
        for (const x of [t, head + t, t.slice(0, -1)]) expect(base64Texts(x)).toEqual(referenceBase64Texts(x));
      }),
      { numRuns: 2000 },
    );
  });
});
