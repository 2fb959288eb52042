import { ACCOUNT, REGION } from './support/estates';
import { buildWith, SKIP_BUNDLING } from './support/synth';

// Secrets Manager answers for a secret only in its own region, and the functions call it in theirs:
// an existing secret given by ARN in another region could never be read (no digest, no ticket).
const secret = (region: string, name: string) => `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
const BASE = { ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml' };

describe('an existing secret given by ARN', () => {
  test.each([
    ['slackWebhookSecretArn', { slackWebhookSecretArn: secret('eu-west-1', 'slack') }],
    ['ticketsSecretArn', { tickets: 'github:acme/platform', ticketsSecretArn: secret('eu-west-1', 'tickets') }],
  ])('-c %s in another region than the installation stops synth with a ContextError saying so', async (key, context) => {
    const failure = buildWith({ ...BASE, ...context }, { account: ACCOUNT, region: REGION });
    await expect(failure).rejects.toMatchObject({
      name: 'ContextError',
      message: expect.stringMatching(new RegExp(`^-c ${key}: the secret is in eu-west-1, the installation in ${REGION}`)),
    });
  });

  test('in the installation’s region it is used', async () => {
    const context = { ...BASE, slackWebhookSecretArn: secret(REGION, 'slack') };
    await expect(buildWith(context, { account: ACCOUNT, region: REGION })).resolves.toBeDefined();
  }, 120_000);
});
