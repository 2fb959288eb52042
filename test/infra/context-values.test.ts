import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readDriftContext } from '../../lib/app-context';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, REPO, roleStatements, SKIP_BUNDLING } from './support/synth';

/** The words of a shell command line, quotes removed (enough for the README's commands). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '#' && word === undefined) break;
    if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** `cdk synth|deploy [stack] -c k=v …` → the stack named and the context, every `-c` value a string, as the CDK CLI passes it. */
function cdkCommand(line: string): { stack?: string; context: Record<string, string> } {
  const words = shellWords(line).slice(3);
  const context: Record<string, string> = {};
  let stack: string | undefined;
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-c' || words[i] === '--context') {
      const [k, ...v] = words[++i]!.split('=');
      context[k!] = v.join('=');
    } else if (!words[i]!.startsWith('-')) stack = words[i];
  }
  return { stack, context };
}

const readmeCdkCommands = (): string[] => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const deploy = readme.slice(readme.indexOf('## Deploy'), readme.indexOf('\n## ', readme.indexOf('## Deploy') + 1));
  return deploy.split('\n').filter((l) => /^npx cdk (synth|deploy)\b/.test(l));
};

const snapshotGrants = (built: Awaited<ReturnType<typeof buildWith>>) => {
  const stack = built.installation;
  const role = stack.auditor.functions.byName['snapshot-target'].role!;
  return roleStatements(stack, stack.getLogicalId(role.node.defaultChild as CfnElement), (id) => `<${id}>`, { 'AWS::Partition': 'aws' });
};

describe('context values as `cdk deploy -c key=value` passes them (strings)', () => {
  test('the README’s cdk commands, copied as they are, synthesize (with cdk.json’s context under them)', async () => {
    const cdkJson = JSON.parse(readFileSync(path.join(REPO, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
    const commands = readmeCdkCommands();
    // The plain synth and deploy, then the deploys that switch the ticket subscriber on (GitHub, Jira).
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'npx cdk synth',
      'npx cdk deploy',
      'npx cdk deploy',
      'npx cdk deploy',
    ]);
    for (const line of commands) {
      const { stack, context } = cdkCommand(line);
      const built = await buildWith({ ...cdkJson.context, ...SKIP_BUNDLING, ...context }, { account: ACCOUNT, region: REGION });
      if (stack) expect(built.installation.stackName).toBe(stack);
      const template = Template.fromStack(built.installation);
      const subscribers = template.findResources('AWS::Lambda::EventSourceMapping', {
        Properties: { FunctionName: { Ref: Match.stringLikeRegexp('synctickets') } },
      });
      expect(Object.keys(subscribers)).toHaveLength(context.tickets ? 1 : 0);
    }
  });

  test('a list as a JSON array, a comma-separated string or cdk.json’s real array: the estate file is read, the buckets granted by name', async () => {
    const json = await buildWith({ ...SKIP_BUNDLING, estates: '["examples/live/drift.yaml"]', envFileBuckets: '["bucket-a","bucket-b"]' });
    expect(json.installation.reads.ssm.map((r) => r.path)).toContain('/staging/checkout/');
    const comma = await buildWith({ ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', envFileBuckets: 'bucket-a, bucket-b' });
    const array = await buildWith({ ...SKIP_BUNDLING, estates: ['examples/live/drift.yaml'], envFileBuckets: ['bucket-a', 'bucket-b'] });
    for (const built of [json, comma, array]) {
      expect(snapshotGrants(built)).toContainEqual({
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::bucket-a/*', 'arn:aws:s3:::bucket-b/*'],
      });
    }
  });

  test.each([
    ['a bucket that is not a bucket name', { envFileBuckets: 'My_Bucket' }, '-c envFileBuckets: "My_Bucket" is not an S3 bucket name'],
    ['a bucket given as a wildcard', { envFileBuckets: '["config-*"]' }, '-c envFileBuckets: "config-*" is not an S3 bucket name'],
    ['a JSON array that does not parse', { estates: '["a.yaml",' }, '-c estates: "[\\"a.yaml\\"," is not a JSON array'],
    [
      'a member role that is not a role ARN',
      { memberRoles: '["arn:aws:iam::222222222222:user/alice"]' },
      '-c memberRoles: "arn:aws:iam::222222222222:user/alice" is not an IAM role ARN',
    ],
    [
      'an incomplete secret ARN',
      { slackWebhookSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:slack' },
      'is not the complete ARN of a secret',
    ],
    ['a time zone that does not exist', { timezone: 'Mars/Olympus' }, '-c timezone: "Mars/Olympus" is not an IANA time zone'],
    // Ignored, it would deploy an installation that mails no alarm, or may not read the env files.
    ['a misspelt key', { alarmMail: 'oncall@example.com' }, '-c alarmMail: drift has no setting of that name (did you mean alarmEmail?)'],
    [
      'a key cut short',
      { envFileBucket: 'bucket-a' },
      '-c envFileBucket: drift has no setting of that name (did you mean envFileBuckets?)',
    ],
  ])('%s stops synth with a ContextError naming the key', async (_what, context, message) => {
    const failure = buildWith({ ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', ...context });
    await expect(failure).rejects.toMatchObject({ name: 'ContextError', message: expect.stringContaining(message) });
  });
});

test('a key far from any of drift’s (the team’s own, the CDK’s, a lookup’s) is left alone', () => {
  const context: Record<string, unknown> = {
    team: 'payments',
    env: 'prod',
    stage: 'prod',
    'acknowledged-issue-numbers': [12345],
    'aws:cdk:enable-path-metadata': true,
    '@aws-cdk/core:bootstrapQualifier': 'hnb659fds',
    'vpc-provider:account=123456789012:filter.vpc-id=vpc-0123456789abcdef0:region=us-east-1:returnAsymmetricSubnets=true': {},
    alarmEmail: 'oncall@example.com',
  };
  expect(readDriftContext((k) => context[k], Object.keys(context)).alarmEmail).toBe('oncall@example.com');
});

describe('the ticket subscriber’s context: `tickets` and `ticketsSecretArn`', () => {
  const ticketsOf = (context: Record<string, unknown>) => readDriftContext((k) => context[k]).tickets;
  const JIRA_DEFAULTS = {
    tracker: 'jira',
    site: 'https://acme.atlassian.net',
    project: 'OPS',
    issueType: 'Task',
    closeTransition: 'Done',
    priorities: { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low', info: 'Lowest' },
  };
  const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/github-AbCdEf';

  test.each([
    ['absent', {}, undefined],
    ['blank', { tickets: ' ' }, undefined],
    ['-c tickets=github:OWNER/REPO', { tickets: 'github:acme/platform' }, { config: { tracker: 'github', repo: 'acme/platform' } }],
    ['-c tickets=jira:https://SITE/PROJECT', { tickets: 'jira:https://acme.atlassian.net/OPS' }, { config: JIRA_DEFAULTS }],
    [
      "-c tickets='{…}' (JSON text)",
      { tickets: '{"tracker":"jira","site":"https://acme.atlassian.net","project":"OPS","issueType":"Bug"}' },
      { config: { ...JIRA_DEFAULTS, issueType: 'Bug' } },
    ],
    [
      'an object in cdk.json, with its secret',
      { tickets: { tracker: 'github', repo: 'acme/platform' }, ticketsSecretArn: SECRET },
      { config: { tracker: 'github', repo: 'acme/platform' }, secretArn: SECRET },
    ],
  ])('%s', (_what, context, expected) => {
    expect(ticketsOf(context)).toEqual(expected);
  });

  test('a value that is not a tracker is a ContextError saying what to write, without quoting it', () => {
    expect(() => ticketsOf({ tickets: 'jira:acme' })).toThrow(
      expect.objectContaining({
        name: 'ContextError',
        message: expect.stringMatching(
          /^-c tickets: the value is not a tracker: .*\(write github:OWNER\/REPO, jira:https:\/\/SITE\.atlassian\.net\/PROJECT, or a JSON object\)$/,
        ),
      }),
    );
    // A token given here by mistake never reaches the deploy log.
    const token = 'ghp_CANARY0123456789abcdefghijklmnopqrstu';
    expect(() => ticketsOf({ tickets: token })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('CANARY') }));
  });
});
