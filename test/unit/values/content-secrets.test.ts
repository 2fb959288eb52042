import fc from 'fast-check';
import { canonicalKey } from '../../../lambdas/core/keys';
import { Interner } from '../../../lambdas/core/sources/interner';
import { keyOf, secretPolicy, valueOf, type ParseContext } from '../../../lambdas/core/sources/context';
import { highEntropyToken, keyContext, secretInText } from '../../../lambdas/core/values/content-secrets';
import { keywordIndex } from '../../../lambdas/core/values/keyword-index';
import { SECRET_RULES, type SecretRule } from '../../../lambdas/core/values/secret-rules';
import { makeValue, type Value } from '../../../lambdas/core/values/value';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

const fp = testFingerprinter();

/** The rules whose keywords `text` holds, each keyword looked for in turn: the reference the keyword index must agree with. */
function rulesCalledFor(text: string, rules: readonly SecretRule[] = SECRET_RULES): SecretRule[] {
  const lower = text.toLowerCase();
  return rules.filter((r) => r.keywords.length === 0 || r.keywords.some((k) => lower.includes(k)));
}
/** What drift makes of `text` read under `rawKey` by an ordinary source (the default name policy). */
const read = (rawKey: string, text: string): Value => {
  const key = canonicalKey(rawKey);
  return makeValue(text, secretPolicy(new Set())(key), fp, key);
};

// Credential shapes, each under a name that says nothing.
export const CREDENTIALS: Array<[string, string, string]> = [
  ['aws-access-token', 'DEPLOY_KEY_ID', 'AKIAZ7CANARYQ4WXLMNB'],
  ['stripe-access-token', 'STRIPE_KEY', 'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW'],
  [
    'jwt',
    'AUTH_HEADER',
    'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJDQU5BUllqd3QiLCJpYXQiOjE1MTYyMzkwMjJ9.CANARYsigQ2mLk7PzR4vWx9F2kQ7mZp4',
  ],
  ['drift-authorization-value', 'UPSTREAM_HEADER', 'Bearer CANARYopaque7f3k9QzX2mWp4'],
  ['slack-webhook-url', 'SLACK_HOOK', 'https://hooks.slack.com/services/T0CANARY1/B0CANARY2/CANARYslack0123456789abcd'],
  ['slack-bot-token', 'CHAT_BOT', 'xoxb-123456789012-1234567890123-CANARYxoxbQ2mLk7PzR4vW'],
  ['github-pat', 'CI_ACCESS', 'ghp_CANARYgh0123456789abcdefghijklmnopqr'],
  [
    'private-key',
    'TLS_MATERIAL',
    `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEACANARYpem${'Q2mLk7PzR4vWx9F2kQ7mZp4'.repeat(4)}\n-----END RSA PRIVATE KEY-----`,
  ],
];

describe('values shaped like credentials are secrets, whatever their name', () => {
  it.each(CREDENTIALS)('%s under %s', (rule, rawKey, text) => {
    expect(rulesCalledFor(text).some((r) => r.id === rule)).toBe(true);
    expect(secretInText(text)).toBe(true);
    expect(read(rawKey, text)).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(text), keyId: fp.keyId });
    // Read by a source under any name, the same text is the same secret.
    expect(read('X', text)).toEqual(read(rawKey, text));
  });

  it.each([
    ['LOG_LEVEL', 'INFO'],
    ['FEATURE_X', 'true'],
    ['REQUEST_TIMEOUT', '30s'],
    ['MEMORY', '512Mi'],
    ['DB_HOST', 'orders-db.prod.internal.example.com'],
    ['API_BASE_URL', 'https://api.example.com/v1'],
    ['DATABASE_URL', 'postgres://orders@db:5432/orders'],
    ['BUILD_COMMIT', '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39'],
    ['REQUEST_ID', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
    ['GREETING', 'Hello, world: welcome back to checkout'],
    ['FLAGS', '{"newCheckout":true,"retries":3}'],
  ])('%s=%s stays plain', (rawKey, text) => {
    expect(read(rawKey, text)).toEqual({ kind: 'text', text });
  });
});

describe('high-entropy values under names like *key*, *dsn*, *auth*, *credential*', () => {
  it.each([
    ['DEPLOY_KEY', 'x9F2kQ7mZp4LwT8vRb3N'],
    ['HMAC_KEY', 'c2VjcmV0LWtleS0xMjM0NTY3ODkwYWJj'],
    ['ERROR_DSN', 'Zk29fQmP0x7LwT4vRb8N2c'],
    ['WEBHOOK_AUTH', 'q8Zt3Lm9Xv2Rb7Kp4Nw6'],
    ['UPSTREAM_ACCESS', 'AbC123xYz789QwE456rTy'],
    // A placeholder's default is a value: one that is a token is still a secret.
    ['DEPLOY_KEY', '${DEPLOY_KEY:x9F2kQ7mZp4LwT8vRb3N}'],
  ])('%s=%s is a secret', (rawKey, text) => {
    expect(highEntropyToken(text)).toBe(true);
    expect(read(rawKey, text).kind).toBe('secret');
    // The same text under a name that brings nothing stays plain: it is the name that says so.
    expect(read('SOME_SETTING', text)).toEqual({ kind: 'text', text });
  });

  it.each([
    ['AUTH_ENABLED', 'true'],
    ['OAUTH_ISSUER_URL', 'https://auth.example.com/realms/checkout'],
    ['AUTH_MODE', 'client_credentials'],
    ['AUTH_HOST', 'auth-01.eu-west-1.internal.example.com'],
    ['AUTH_TIMEOUT', '30s'],
    ['KEY_HEADER_NAME', 'X-Api-Key'],
    ['CACHE_KEY_PREFIX', 'orders:v2:'],
    ['KMS_KEY_ARN', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['PARTITION_KEY', 'customer_id'],
    ['ACCESS_LOG', '/var/log/checkout/access.log'],
    ['SENTRY_DSN', 'https://4f2a9c1e8b7d6a5f@o123456.ingest.sentry.io/4504'],
    ['AUTH_ADMIN_EMAIL', 'platform-team@example.com'],
    ['AUTH_CALLBACK', '${AUTH_CALLBACK_URL}'],
    // JHipster's application.yml: a placeholder naming another setting is a reference, not a token.
    ['MANAGEMENT_OBSERVATIONS_KEY_VALUES_APPLICATION', '${spring.application.name}'],
    ['PARTITION_KEY_FIELD', '${orders.partition-field}'],
  ])('%s=%s stays plain', (rawKey, text) => {
    expect(read(rawKey, text)).toEqual({ kind: 'text', text });
  });
});

describe("gitleaks' keywords and context", () => {
  it('runs a rule whose keyword is in the name on `name=value`, as gitleaks reads a config file', () => {
    const token = '1234567890123456|CANARYfb0123456789abcdefghij';
    expect(keyContext('facebook.app')?.rules.map((r) => r.id)).toContain('facebook-access-token');
    expect(read('FACEBOOK_APP', token).kind).toBe('secret');
    // Without the keyword nowhere in the line, gitleaks does not run the rule.
    expect(read('SOME_SETTING', token)).toEqual({ kind: 'text', text: token });
  });

  it('lets the generic rule judge `name = value` with its entropy threshold and allowlists', () => {
    expect(read('BILLING_API', 'f3c9a1e07b6d4c2a9e8f1b3d5c7a9e0f').kind).toBe('secret');
    // Its allowlist: `key_id`-like names, and stopwords.
    expect(keyContext('billing.api')?.rules.map((r) => r.id)).toContain('generic-api-key');
  });

  it('finds with one regex for all keywords the rules that looking for each keyword finds', () => {
    const words = [...new Set(SECRET_RULES.flatMap((r) => r.keywords))];
    // Keywords inside others (`sk` in `sk_live`, `s.` in `hvs.`), overlapping, in any case.
    const pieces = [
      'sk_live',
      'AKIA',
      'ey',
      'hooks.slack.com',
      'xoxe.xoxb-',
      'xoxe-',
      'Bearer',
      'hvs.',
      'ghp_',
      'api',
      'KEY',
      'db',
      's',
      ':',
      '/',
      '.',
      '5',
      ' ',
      'Ä',
      ...words,
      ...words.map((w) => w.toUpperCase()),
    ];
    const ids = (rules: ReadonlyArray<{ id: string }>) => rules.map((r) => r.id);
    // The index content-secrets builds over every rule.
    const index = keywordIndex(SECRET_RULES);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const reference = rulesCalledFor(text);
        expect(ids(index.rulesFor(text))).toEqual(ids(reference));
        // Asked again, or after another text, it says the same: nothing is kept between calls.
        expect(ids(index.rulesFor(text))).toEqual(ids(reference));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('valueOf with an interner (the fast path) says what makeValue says of each value', () => {
  const keys = ['DATABASE_URL', 'STRIPE_KEY', 'AUTH_HEADER', 'DB_PASSWORD', 'LOG_LEVEL', 'DEPLOY_KEY', 'FACEBOOK_APP', 'SERVICE_1_SETTING'];
  const texts = [
    'INFO',
    '30s',
    'true',
    'postgres://orders:pw@db:5432/orders',
    'redis://:pw2@cache:6379',
    'x9F2kQ7mZp4LwT8vRb3N',
    'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW',
    '1234567890123456|CANARYfb0123456789abcdefghij',
    'Bearer CANARYopaque7f3k9QzX2mWp4',
    'https://api.example.com',
    'a'.repeat(80),
  ];

  it('across environments that read the same source with keys and texts moved around', () => {
    const policy = secretPolicy(new Set(['log.level']));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...texts)), { maxLength: 12 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (environments) => {
          const intern = new Interner();
          for (const pairs of environments) {
            const ctx: ParseContext = { source: testLabel('dotenv'), fp, isSecretKey: policy, intern: intern.forSource('0:dotenv') };
            for (const [raw, text] of pairs) {
              const key = keyOf(ctx, raw);
              expect(valueOf(ctx, key, text)).toEqual(makeValue(text, policy(key), fp, key));
            }
          }
        },
      ),
    );
  });

  it('and without one', () => {
    const ctx = testContext();
    for (const raw of keys) for (const text of texts) expect(valueOf(ctx, canonicalKey(raw), text)).toEqual(read(raw, text));
  });
});
