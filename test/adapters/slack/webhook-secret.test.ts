import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { secretValue } from '../../../lambdas/adapters/secrets-manager';
import { webhookSecretDecoder } from '../../../lambdas/adapters/slack/webhook-secret-decoder';

/** As the Lambda's Slack channel reads it (lambdas/wiring/channels/slack.ts). */
const webhookFromSecretsManager = (c: SecretsManagerClient, secretId: string) => secretValue(c, secretId, webhookSecretDecoder(secretId));

const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const sm = mockClient(client);
const URL = 'https://hooks.slack.com/services/T000/B000/XXXXSECRET';

beforeEach(() => sm.reset());

describe('the Slack webhook from Secrets Manager', () => {
  test('is read once per invocation, as a plain URL or JSON', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: URL });
    const get = webhookFromSecretsManager(client, 'drift/slack');
    expect(await get()).toBe(URL);
    expect(await get()).toBe(URL);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ url: URL }) });
    expect(await webhookFromSecretsManager(client, 'drift/slack')()).toBe(URL);
  });

  test('the placeholder the installation created it with means no Slack (by choice), not a failure', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'not-configured' });
    await expect(webhookFromSecretsManager(client, 'drift/slack')()).resolves.toBeUndefined();
  });

  test('an empty or denied secret is a clear error that never quotes the value', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'not-a-url-XXXXSECRET' });
    await expect(webhookFromSecretsManager(client, 'drift/slack')()).rejects.toThrow(/holds no https URL/);
    await expect(webhookFromSecretsManager(client, 'drift/slack')()).rejects.not.toThrow(/XXXXSECRET/);
    // JSON that does not parse: the parser's own message would quote the secret.
    for (const broken of ['{"url": XXXXSECRET}', '{XXXXSECRET', 'null', '{"url": null}']) {
      sm.on(GetSecretValueCommand).resolves({ SecretString: broken.startsWith('{') ? broken : `{${broken}` });
      const failure = await webhookFromSecretsManager(client, 'drift/slack')().catch((err: Error) => err);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/holds no https URL/);
      expect(`${(failure as Error).message} ${(failure as Error).stack} ${String((failure as Error).cause)}`).not.toContain('XXXXSECRET');
    }
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(webhookFromSecretsManager(client, 'drift/slack')()).rejects.toThrow('could not be read (AccessDeniedException)');
  });
});
