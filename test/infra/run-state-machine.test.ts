import '../helpers/promise-with-resolvers';

import { Match, Template } from 'aws-cdk-lib/assertions';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { InstallationStack } from '../../lib/installation-stack';
import { ACCOUNT, REGION } from './support/estates';
import { runDefinition } from './support/state-machine';
import { PSEUDO } from './support/concrete';
import { buildWith, renderValue, resourcesOf, SKIP_BUNDLING } from './support/synth';

let stack: InstallationStack;
let definition: StateMachineDefinition;

beforeAll(async () => {
  ({ installation: stack } = await buildWith({ ...SKIP_BUNDLING }, { account: ACCOUNT, region: REGION }));
  definition = runDefinition(stack);
});

// ---- the run, executed locally with local task functions ----------------------------------------

type Json = Record<string, unknown>;
const ESTATES = ['a', 'b', 'c'].map((n) => ({ key: `estates/${n}/drift.yaml`, versionId: 'v1' }));
const TARGETS = [
  { account: 'default', region: 'us-east-1' },
  { account: '222222222222', region: 'eu-west-1' },
];
const named = (name: string) => Object.assign(new Error(`${name} (injected)`), { name });

interface World {
  /** Does this audit-run attempt (1, 2, …) fail? `estates`: the keys it was given, comma-joined. */
  auditFails?: (estates: string, attempt: number) => boolean;
  snapshotFails?: (account: string) => boolean;
  dlqFails?: boolean;
  /** What plan-run returns (default: ESTATES and TARGETS). */
  estates?: typeof ESTATES;
  targets?: typeof TARGETS;
  /** The estate files plan-run could not read (default: none). */
  unreadable?: Array<{ key: string; problems: string }>;
}

/**
 * A stage's failure as Step Functions holds it: `Error`, and a `Cause` that is the Lambda runtime's
 * JSON of the error (type, message and stack trace), about a kilobyte.
 */
function lambdaFailure(name: string, message: string): Error {
  const thrown = Object.assign(new Error(message), { name });
  // The local engine takes a thrown error's message as its Cause.
  return Object.assign(new Error(JSON.stringify({ errorType: name, errorMessage: message, trace: thrown.stack!.split('\n') })), { name });
}

async function execute(world: World) {
  const seen = { audits: [] as Json[], notified: [] as Json[], deadLetters: [] as Json[] };
  const attempts = new Map<string, number>();
  const payload = (input: unknown) => (input as { Payload: Json }).Payload;
  const deadLetter = async (input: unknown) => {
    seen.deadLetters.push(input as Json);
    if (world.dlqFails) throw named('SQS.AmazonSQSException');
    return { MessageId: 'm-1' };
  };
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {
    'plan-run': async (input) => ({
      Payload: {
        runId: payload(input).runId,
        estates: world.estates ?? ESTATES,
        targets: world.targets ?? TARGETS,
        unreadable: world.unreadable ?? [],
        unreadableCount: world.unreadable?.length ?? 0,
      },
    }),
    'snapshot-target': async (input) => {
      const { target } = payload(input) as { target: { account: string } };
      if (world.snapshotFails?.(target.account))
        throw lambdaFailure('S3ServiceException', `snapshots of account ${target.account} could not be written: Access Denied`);
      return { Payload: { target, snapshotKeys: [`runs/run-1/snapshots/${target.account}.json.gz`] } };
    },
    'send-failure-to-dlq': deadLetter,
    'audit-run': async (input) => {
      const p = payload(input) as { runId: string; estates: Array<{ key: string }> };
      const key = p.estates.map((e) => e.key).join(',');
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      seen.audits.push(p as Json);
      if (world.auditFails?.(key, attempt)) throw lambdaFailure('ThrottlingException', `could not audit ${key} (ThrottlingException)`);
      return { Payload: { runId: p.runId, audited: p.estates.map((e) => ({ estate: e.key, findings: 1, opened: 0, resolved: 0 })) } };
    },
    'send-audit-failure-to-dlq': deadLetter,
    'send-unreadable-to-dlq': deadLetter,
    'notify-run': async (input) => {
      seen.notified.push(payload(input));
      return { Payload: { sns: { sent: 0, failed: 0 }, slack: [] } };
    },
  };
  const zero = Object.fromEntries(Object.keys(handlers).map((k) => [k, 0]));
  const run = new StateMachine(definition, { validationOptions: { checkArn: false } }).run(
    {},
    {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: zero },
      context: { Execution: { Name: 'run-1' } } as never,
    },
  );
  // Step Functions refuses a state whose output passes 256 KiB (States.DataLimitExceeded): the largest one.
  let largestState = 0;
  const watched = (async () => {
    for await (const e of run.eventLogs)
      if (e.type === 'StateExited') largestState = Math.max(largestState, JSON.stringify(e.state.output ?? null).length);
  })();
  const outcome = await run.result.then(
    (output: unknown) => ({ ok: true as const, output }),
    (error: Error & { cause?: Error }) => ({ ok: false as const, error: error.cause ?? error }),
  );
  await watched;
  return { ...seen, outcome, attempts, largestState };
}

const notifiedEstates = (notified: Json[]) => notified.flatMap((n) => (n.estates as Array<{ key: string }>).map((e) => e.key));

describe('the run, executed locally (aws-local-stepfunctions) on the synthesized definition (asl-validator: valid)', () => {
  test('one estate whose audit keeps failing: the others are audited and every estate is notified; it goes to the DLQ; then the run fails', async () => {
    const r = await execute({ auditFails: (estates) => estates.includes('estates/b/') });
    expect(r.notified).toHaveLength(1);
    expect(notifiedEstates(r.notified)).toEqual(ESTATES.map((e) => e.key));
    // Audited one estate per invocation; b retried (1 + 3) with the same input each time.
    expect(r.attempts.get('estates/a/drift.yaml')).toBe(1);
    expect(r.attempts.get('estates/c/drift.yaml')).toBe(1);
    expect(r.attempts.get('estates/b/drift.yaml')).toBe(4);
    const bInputs = r.audits.filter((a) => JSON.stringify(a).includes('estates/b/'));
    expect(new Set(bInputs.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(r.deadLetters).toHaveLength(1);
    expect(r.deadLetters[0]).toMatchObject({
      MessageBody: { runId: 'run-1', stage: 'audit-run', estate: { key: 'estates/b/drift.yaml' }, error: { Error: 'ThrottlingException' } },
    });
    expect(r.outcome).toMatchObject({ ok: false, error: { name: 'AuditFailed' } });
  });

  test('an estate file plan-run could not read: every other estate is audited and notified, the file goes to the DLQ, then the run fails', async () => {
    const unreadable = [{ key: 'estates/broken/drift.yaml', problems: 'estates/broken/drift.yaml:5:9: unknown field "pth"' }];
    const r = await execute({ unreadable });
    expect([...r.attempts.keys()].sort()).toEqual(ESTATES.map((e) => e.key));
    expect(notifiedEstates(r.notified)).toEqual(ESTATES.map((e) => e.key));
    expect(r.deadLetters).toHaveLength(1);
    expect(r.deadLetters[0]).toMatchObject({ MessageBody: { runId: 'run-1', stage: 'plan-run', unreadable, unreadableCount: 1 } });
    expect(r.outcome).toMatchObject({ ok: false, error: { name: 'EstateUnreadable' } });
  });

  test('a throttled audit is retried with the same input and the run succeeds', async () => {
    const r = await execute({ auditFails: (estates, attempt) => estates.includes('estates/a/') && attempt === 1 });
    expect(r.attempts.get('estates/a/drift.yaml')).toBe(2);
    expect(r.deadLetters).toEqual([]);
    expect(notifiedEstates(r.notified)).toEqual(ESTATES.map((e) => e.key));
    expect(r.outcome.ok).toBe(true);
  });

  test('a snapshot target that fails, and a DLQ that cannot be written: the send is retried, then the run goes on', async () => {
    const r = await execute({ snapshotFails: (account) => account === '222222222222', dlqFails: true });
    expect(r.deadLetters).toHaveLength(4);
    // The audit still runs, knowing the target failed (its environments' findings carry forward).
    expect(r.audits[0]!.snapshots).toContainEqual(
      expect.objectContaining({ target: TARGETS[1], error: expect.objectContaining({ Error: 'S3ServiceException' }) }),
    );
    expect(notifiedEstates(r.notified)).toEqual(ESTATES.map((e) => e.key));
    expect(r.outcome.ok).toBe(true);
  });
});

/** Step Functions' limit on the data a state passes on. */
const STATE_MAX = 256 * 1024;

describe('a large installation whose stages fail everywhere (one cause, such as a key or bucket policy, fails them all)', () => {
  test('300 snapshot targets fail: every state stays under 256 KiB, each estate is audited knowing why, and notified', async () => {
    const targets = Array.from({ length: 300 }, (_, i) => ({ account: String(300_000_000_000 + i), region: 'us-east-1' }));
    const r = await execute({ targets, snapshotFails: () => true });
    expect(r.largestState).toBeLessThan(STATE_MAX);
    expect(r.audits[0]!.snapshots).toContainEqual(
      expect.objectContaining({ target: targets[7], error: expect.objectContaining({ Error: 'S3ServiceException' }) }),
    );
    expect(notifiedEstates(r.notified)).toEqual(ESTATES.map((e) => e.key));
  }, 120_000);

  test('300 estates whose audits fail: every state stays under 256 KiB, every estate is notified, then the run fails', async () => {
    const estates = Array.from({ length: 300 }, (_, i) => ({ key: `estates/team-${i}/drift.yaml`, versionId: 'v1' }));
    const r = await execute({ estates, auditFails: () => true });
    expect(r.largestState).toBeLessThan(STATE_MAX);
    expect(notifiedEstates(r.notified)).toEqual(estates.map((e) => e.key));
    expect(r.outcome).toMatchObject({ ok: false, error: { name: 'AuditFailed' } });
  }, 120_000);
});

/** The trust statements of the roles a service may assume, intrinsics rendered. */
const trustOf = (service: string) =>
  Object.values(resourcesOf(stack))
    .filter((r) => r.Type === 'AWS::IAM::Role')
    .flatMap((r) => (r.Properties.AssumeRolePolicyDocument as { Statement: Array<{ Principal?: { Service?: string } }> }).Statement)
    .filter((st) => st.Principal?.Service === service)
    .map((st) => renderValue(st, () => '?', PSEUDO));

describe('the schedule and the service roles', () => {
  test('the Scheduler has a dead-letter queue (and may write to it); its role trusts Scheduler only for this installation’s group', () => {
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      GroupName: { Ref: Match.stringLikeRegexp('ScheduleGroup') },
      Target: Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } } }),
    });
    t.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'drift-DriftInstallation' });
    expect(trustOf('scheduler.amazonaws.com')).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': ACCOUNT,
            'aws:SourceArn': `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/drift-DriftInstallation`,
          },
        },
      },
    ]);
  });

  test('every service role trust is this installation’s only: aws:SourceAccount and aws:SourceArn (Lambda execution roles excepted: Lambda sets neither)', () => {
    const trusts = Object.values(resourcesOf(stack))
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap(
        (r) =>
          (
            r.Properties.AssumeRolePolicyDocument as {
              Statement: Array<{ Principal?: { Service?: string }; Condition?: Record<string, Record<string, unknown>> }>;
            }
          ).Statement,
      )
      .filter((st) => st.Principal?.Service && st.Principal.Service !== 'lambda.amazonaws.com');
    expect(trusts.map((t) => t.Principal!.Service).sort()).toEqual(['scheduler.amazonaws.com', 'states.amazonaws.com']);
    for (const t of trusts) {
      const keys = Object.values(t.Condition ?? {}).flatMap((c) => Object.keys(c));
      expect([t.Principal!.Service, keys.sort()]).toEqual([t.Principal!.Service, ['aws:SourceAccount', 'aws:SourceArn']]);
    }
    expect(trustOf('states.amazonaws.com')).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'states.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          ArnLike: { 'aws:SourceArn': `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:*` },
        },
      },
    ]);
  });
});

describe('the run’s execution log', () => {
  // Step Functions adds each state machine's log group to the account's CloudWatch Logs resource
  // policy (5,120 characters): in an account whose policy is near that, creating the state machine
  // fails, unless the group is under /aws/vendedlogs/, which the policy then covers with one entry.
  test('is a log group under /aws/vendedlogs/states/, named for the installation, as Step Functions advises', () => {
    const t = Template.fromStack(stack);
    const sm = Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0]!;
    const destination = (sm.Properties as { LoggingConfiguration: { Destinations: Array<Json> } }).LoggingConfiguration.Destinations[0]!;
    const groupId = ((destination.CloudWatchLogsLogGroup as Json).LogGroupArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const group = t.toJSON().Resources[groupId] as { Properties: { LogGroupName?: string } };
    expect(group.Properties.LogGroupName).toBe('/aws/vendedlogs/states/drift-DriftInstallation-run');
    expect(group.Properties.LogGroupName!.length).toBeLessThanOrEqual(512);
  });
});
