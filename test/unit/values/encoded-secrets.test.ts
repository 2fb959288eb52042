import { secretInText } from '../../../lambdas/core/values/content-secrets';
import { encodedTexts } from '../../../lambdas/core/values/encoded-texts';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('credentials written encoded', () => {
  test.each([
    ['a token in base64', b64('ghp_Q2mLk7PzR4vWx9F2kQ7mZp4aB3cD5eF7gH9i')],
    ['an assignment in base64url', Buffer.from('password=Q2mLk7PzR4vWx9F2').toString('base64url')],
    ['a URL with a password, percent-encoded', encodeURIComponent('amqp://shop:Q2mLk7PzR4@mq:5672/')],
    ['a base64 run inside a longer text', `config ${b64('{"db":{"password":"Q2mLk7PzR4vWx9F2"}}')} end`],
  ])('%s is a secret', (_name, text) => {
    expect(secretInText(text)).toBe(true);
  });

  test.each([
    ['base64 of plain settings', b64('{"logLevel":"info","retries":3,"region":"eu-west-1"}')],
    ['a sha256 digest in hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a percent-encoded path', encodeURIComponent('/orders/2026/report name.csv')],
    ['a long identifier', 'OrdersServiceRequestHandlerFactoryBeanPostProcessor'],
  ])('%s is not', (_name, text) => {
    expect(secretInText(text)).toBe(false);
  });

  test('binary that base64 decodes to is not read as text', () => {
    expect(encodedTexts('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toEqual([]);
  });
});
