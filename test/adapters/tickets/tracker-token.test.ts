import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { credentialsFromSecretsManager, parseCredentials } from '../../../lambdas/adapters/tickets/tracker-token';
import { TrackerRejected } from '../../../lambdas/core/tickets/ticket-errors';

const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const sm = mockClient(client);
beforeEach(() => sm.reset());

const GH_TOKEN = 'github_pat_11AAAAAAA0abcdefghijklmnop';
const JIRA_TOKEN = 'ATATT3xFfGF0abcdef';

describe('parseCredentials', () => {
  test.each<[string, 'github' | 'jira', string, unknown]>([
    ['a GitHub token', 'github', GH_TOKEN, { tracker: 'github', token: GH_TOKEN }],
    ['a GitHub token with a trailing newline', 'github', `${GH_TOKEN}\n`, { tracker: 'github', token: GH_TOKEN }],
    ['a GitHub token as JSON', 'github', JSON.stringify({ token: GH_TOKEN }), { tracker: 'github', token: GH_TOKEN }],
    ['Jira EMAIL:API_TOKEN', 'jira', `drift@acme.com:${JIRA_TOKEN}`, { tracker: 'jira', email: 'drift@acme.com', token: JIRA_TOKEN }],
    [
      'Jira as JSON',
      'jira',
      JSON.stringify({ email: 'drift@acme.com', token: JIRA_TOKEN }),
      { tracker: 'jira', email: 'drift@acme.com', token: JIRA_TOKEN },
    ],
    [
      'a Jira token that holds a colon',
      'jira',
      'drift@acme.com:abc:defgh',
      { tracker: 'jira', email: 'drift@acme.com', token: 'abc:defgh' },
    ],
  ])('%s', (_name, tracker, text, expected) => {
    expect(parseCredentials(tracker, text)).toEqual(expected);
  });

  test.each<[string, 'github' | 'jira', string]>([
    ['the placeholder, GitHub', 'github', 'not-configured'],
    ['the placeholder, Jira', 'jira', 'not-configured'],
    ['an empty secret', 'github', ''],
    ['a GitHub token with a space', 'github', 'ghp_aaaaaaaaaa bbbbbbbbbbbbbb'],
    ['JSON without a token', 'github', '{"pat": "ghp_aaaaaaaaaaaaaaaaaaaaaaaa"}'],
    ['JSON that does not parse', 'github', '{"token": "ghp_aaaaaaaaaaaaaaaaaaaa"'],
    ['Jira without an email', 'jira', JIRA_TOKEN],
    ['Jira with a token only in JSON', 'jira', JSON.stringify({ token: JIRA_TOKEN })],
    ['Jira with a short token', 'jira', 'drift@acme.com:abc'],
    ['Jira with a name for an email', 'jira', `drift:${JIRA_TOKEN}`],
  ])('none in %s', (_name, tracker, text) => {
    expect(parseCredentials(tracker, text)).toBeUndefined();
  });
});

describe('credentialsFromSecretsManager', () => {
  const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:drift/tickets-AbCdEf';

  test('reads the credentials once from the secret', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: `drift@acme.com:${JIRA_TOKEN}` });
    const get = credentialsFromSecretsManager(client, SECRET, 'jira');
    expect(await get()).toEqual({ tracker: 'jira', email: 'drift@acme.com', token: JIRA_TOKEN });
    await get();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: SECRET });
  });

  test.each([
    ['the placeholder', 'not-configured'],
    ['text that is no token', 'paste the token here: hunter2'],
  ])('%s is a TrackerRejected naming the secret, never quoting it', async (_name, text) => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: text });
    const err = await credentialsFromSecretsManager(client, SECRET, 'github')().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackerRejected);
    expect((err as TrackerRejected).userFacing).toBe(true);
    expect((err as Error).message).toContain(SECRET);
    expect((err as Error).message).toContain('a GitHub token');
    expect((err as Error).message).not.toContain(text);
    expect(JSON.stringify(err)).not.toContain(text);
  });

  test('an unreadable secret is a TrackerRejected with the error name', async () => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const err = await credentialsFromSecretsManager(client, SECRET, 'jira')().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackerRejected);
    expect((err as Error).message).toBe(`the tickets secret ${SECRET} could not be read (AccessDeniedException)`);
  });
});
