import { readDriftContext } from '../../lib/app-context';
import { ContextError } from '../../lib/context-values';

const WEBHOOK = 'https://hooks.slack.com/services/T0CANARY1/B0CANARY2/Xq7CanaryWebhookToken9Z';
const GITHUB_TOKEN = 'ghp_Zq8CanaryTok3nR4nd0mW9xY2vB5nM7kL1pQ';
const URL_PASSWORD = 'CanaryPassw0rd';

/** The ContextError synth stops with for these context values. */
function contextError(context: Record<string, unknown>): string {
  try {
    readDriftContext((key) => context[key], Object.keys(context));
  } catch (err) {
    expect(err).toBeInstanceOf(ContextError);
    return (err as Error).message;
  }
  throw new Error('no ContextError');
}

describe('a context value holding a secret is never quoted in synth’s error (deploy logs keep it)', () => {
  test.each([
    ['the webhook URL given for its secret’s ARN', { slackWebhookSecretArn: WEBHOOK }, WEBHOOK],
    ['a token given for the tickets secret’s ARN', { tickets: 'github:acme/app', ticketsSecretArn: GITHUB_TOKEN }, GITHUB_TOKEN],
    ['a report URL with a password', { reportBaseUrl: `https://drift:${URL_PASSWORD}@reports.example.com/` }, URL_PASSWORD],
    ['a list that is not JSON, holding a token', { estates: `["${GITHUB_TOKEN}"` }, GITHUB_TOKEN],
    ['a list item that is not a string', { memberRoles: [{ token: GITHUB_TOKEN }] }, GITHUB_TOKEN],
  ])('%s', (_, context, secret) => {
    const message = contextError(context);
    expect(message).toContain(`-c ${Object.keys(context).at(-1)}`);
    expect(message).not.toContain(secret);
    expect(message).not.toContain(secret.slice(0, 12));
  });

  test('a value with no secret in it is still quoted', () => {
    expect(contextError({ alarmEmail: 'oncall-at-example.com' })).toContain('"oncall-at-example.com" is not an email address');
    expect(contextError({ estates: '["a.yaml"' })).toContain('"[\\"a.yaml\\"" is not a JSON array (');
  });
});
