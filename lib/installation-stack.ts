import { CfnOutput, DefaultStackSynthesizer, Stack, Token, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { Vpc, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { ContextError } from './context-values';
import { acknowledge } from './nag';
import { READ_WILDCARDS_REASON, readWildcardFindings } from './read-statements';
import type { Construct, IConstruct } from 'constructs';
import type { Estate } from '../lambdas/core/estate/model';
import type { TrackerConfig } from '../lambdas/core/tickets/tracker-config';
import { DriftAuditor } from './drift-auditor';
import { seedFiles } from './estate-files';
import { readPlan, type ReadPlan } from './read-access';
import { ESTATE_OBJECTS, runObjects } from './function-grants';
import { RUN_PAGE, RUN_REPORTS, RUN_SNAPSHOTS, SEED_PREFIX } from '../lambdas/adapters/s3/bucket-layout';

export interface LoadedEstate {
  estate: Estate;
  /** The estate file, as loaded (checked by `deployProblems`: live sources only). */
  file: string;
}

export interface InstallationStackProps extends StackProps {
  projectRoot: string;
  estates: LoadedEstate[];
  schedule?: string;
  timezone?: string;
  slackWebhookSecretArn?: string;
  alarmEmail?: string;
  vpcId?: string;
  /** Member read roles to allow besides the environments' own `roleArn` (checked ARNs). */
  memberRoles?: string[];
  /** Buckets of ECS environment files (checked names). */
  envFileBuckets?: string[];
  readerRoleName?: string;
  /** Where the digest links reports (see DriftAuditorProps). */
  reportBaseUrl?: string;
  /** A ticket subscriber (see DriftAuditorProps). */
  tickets?: { config: TrackerConfig; secretArn?: string };
}

/** One drift installation: audits the given estates on a schedule. */
export class InstallationStack extends Stack {
  readonly auditor: DriftAuditor;
  readonly reads: ReadPlan;

  constructor(scope: Construct, id: string, props: InstallationStackProps) {
    super(scope, id, { description: 'drift: scheduled configuration-drift audits', ...props });
    this.reads = readPlan(
      props.estates.map((e) => e.estate),
      props.memberRoles,
    );

    this.auditor = new DriftAuditor(this, 'Drift', {
      projectRoot: props.projectRoot,
      reads: this.reads,
      seedFiles: props.estates.flatMap(({ estate, file }) => seedFiles(estate, file)),
      schedule: props.schedule,
      timezone: props.timezone,
      slackWebhookSecretArn: props.slackWebhookSecretArn,
      alarmEmail: props.alarmEmail,
      vpc: props.vpcId ? this.lookUpVpc(props.vpcId) : undefined,
      envFileBuckets: props.envFileBuckets,
      readerRoleName: props.readerRoleName,
      reportBaseUrl: props.reportBaseUrl,
      tickets: props.tickets,
    });

    const a = this.auditor;
    new CfnOutput(this, 'TableName', { value: a.store.table.tableName });
    new CfnOutput(this, 'BucketName', { value: a.bucket.bucket.bucketName, description: 'drift publish --bucket' });
    const seeding = a.bucket.seeding?.resource;
    if (seeding) {
      // A deploy never replaces a newer `drift publish`: what it left, and the estates it removed, are said here.
      new CfnOutput(this, 'SeedingKeptNewer', {
        value: seeding.getAttString('KeptNewer'),
        description: 'estate files this deploy did not write: the bucket holds newer ones (published, or deployed from a newer checkout)',
      });
      new CfnOutput(this, 'SeedingRemoved', {
        value: seeding.getAttString('Removed'),
        description: 'estate files this deploy removed from estates/',
      });
    }
    new CfnOutput(this, 'FindingsTopicArn', { value: a.topic.topicArn });
    // Without -c alarmEmail nobody is subscribed: a pager's or chat's subscription goes here.
    new CfnOutput(this, 'AlarmTopicArn', {
      value: a.alarms.topic.topicArn,
      description: 'every alarm of the installation is published here: subscribe a pager or chat (-c alarmEmail subscribes one address)',
    });
    new CfnOutput(this, 'SlackWebhookSecretArn', {
      value: a.secrets.slackWebhook.secretArn,
      description: 'put the Slack incoming-webhook URL here',
    });
    if (a.tickets && a.secrets.ticketsToken) {
      new CfnOutput(this, 'TicketsSecretArn', {
        value: a.secrets.ticketsToken.secretArn,
        description: 'put the tracker token here (GitHub: a token; Jira: EMAIL:API_TOKEN)',
      });
      new CfnOutput(this, 'TicketsDeadLetterQueueUrl', {
        value: a.tickets.deadLetterQueue.queueUrl,
        description: 'lifecycle events not yet applied to the tracker: redrive them once the token is set',
      });
    }
    new CfnOutput(this, 'StateMachineArn', { value: a.run.stateMachine.stateMachineArn });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: a.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'SnapshotRoleArn', {
      value: a.functions.byName['snapshot-target'].role!.roleArn,
      description: 'member read roles trust this role',
    });
    if (this.reads.eks.length) {
      new CfnOutput(this, 'ClusterOwnerRbac', {
        value: 'cdk.out/drift-eks-rbac.yaml: the Role and RoleBinding each cluster owner applies (access entries must be enabled)',
      });
    }
    this.suppress();
  }

  /**
   * The VPC of `-c vpcId`, as the CDK CLI looks it up (and caches in cdk.context.json): a lookup needs
   * the stack's account and region, which a synth without credentials does not know.
   */
  private lookUpVpc(vpcId: string): IVpc {
    if (Token.isUnresolved(this.account) || Token.isUnresolved(this.region))
      throw new ContextError(
        `-c vpcId=${vpcId}: the VPC is looked up in the installation's account and region, and this synth knows ${Token.isUnresolved(this.account) ? 'no account' : 'no region'}: ` +
          'run it with credentials (the CDK CLI then caches the VPC in cdk.context.json), or set -c installationAccount and -c installationRegion',
      );
    return Vpc.fromLookup(this, 'Vpc', { vpcId });
  }

  /** cdk-nag findings accepted on purpose, each with its reason and, where cdk-nag allows, the exact finding. */
  private suppress(): void {
    const a = this.auditor;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const arnOf = (c: IConstruct) => `<${this.getLogicalId(c.node.defaultChild as CfnElement)}.Arn>`;
    const bucketArn = arnOf(a.bucket.bucket);
    const basicExecution = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    const vpcExecution = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole';

    for (const fn of a.functions.all) {
      acknowledge(
        fn.role!,
        'AwsSolutions-IAM4',
        'AWSLambdaBasicExecutionRole (and AWSLambdaVPCAccessExecutionRole in a VPC) only let a function write its logs and attach its ENIs.',
        [basicExecution, vpcExecution],
      );
      acknowledge(
        fn.role!,
        'AwsSolutions-IAM5',
        'Object grants are limited to estates/, to the snapshots/ or reports/ folder of a run (runs/{runId}/…) and to its report.html page, each function only the ones it reads or writes.',
        [ESTATE_OBJECTS, ...([RUN_SNAPSHOTS, RUN_REPORTS, RUN_PAGE] as const).map(runObjects)].map((o) => `Resource::${bucketArn}/${o}`),
      );
    }
    acknowledge(
      a.functions.byName['notify-run'].role!,
      'AwsSolutions-IAM5',
      'Publishing to the KMS-encrypted findings topic needs kms:GenerateDataKey* on its key (grantPublish).',
      ['Action::kms:GenerateDataKey*'],
    );
    acknowledge(
      a.functions.byName['snapshot-target'].role!,
      'AwsSolutions-IAM5',
      READ_WILDCARDS_REASON,
      readWildcardFindings(a.directReads, account, region),
    );

    const sfnRole = a.run.stateMachine.role;
    acknowledge(
      sfnRole,
      'AwsSolutions-IAM5',
      'Step Functions invokes each function by ARN and its versions (ARN:*); X-Ray and log delivery actions take no resource; SendMessage to the encrypted DLQ needs kms:GenerateDataKey*.',
      [...a.functions.all.map((fn) => `Resource::${arnOf(fn)}:*`), 'Resource::*', 'Action::kms:GenerateDataKey*'],
    );
    acknowledge(
      a.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the run: it has no dead-letter queue of its own.',
    );

    const seeding = a.bucket.seeding;
    if (seeding) {
      acknowledge(
        seeding.function.role!,
        'AwsSolutions-IAM4',
        'AWSLambdaBasicExecutionRole only lets the seeding function write its logs.',
        [basicExecution],
      );
      acknowledge(
        seeding.function.role!,
        'AwsSolutions-IAM5',
        'The seeding reads and writes the estate files (estates/) and reads the staged copies the deploy brings (seed/).',
        [ESTATE_OBJECTS, `${SEED_PREFIX}*`].map((o) => `Resource::${bucketArn}/${o}`),
      );
      // CDK's provider framework (its onEvent function answers CloudFormation for the seeding): role and grant set by aws-cdk-lib.
      const framework = 'CDK provider framework of the seeding: its function only writes its logs and invokes the seeding function';
      acknowledge(seeding.provider, 'AwsSolutions-IAM4', `${framework} (AWSLambdaBasicExecutionRole).`, [basicExecution]);
      acknowledge(seeding.provider, 'AwsSolutions-IAM5', `${framework} and its versions (ARN:*, grantInvoke).`, [
        `Resource::${arnOf(seeding.function)}:*`,
      ]);
    }

    const qualifier =
      (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    // BucketDeployment's singleton handler (a CDK-managed Python Lambda at the stack's root).
    for (const c of this.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      const reason =
        'CDK BucketDeployment handler: runs only at deploy to stage seed/ (the seeding function copies to estates/); its runtime, managed policy and asset-bucket grants are set by aws-cdk-lib.';
      acknowledge(c, 'AwsSolutions-L1', reason);
      acknowledge(c, 'AwsSolutions-IAM4', reason, [basicExecution]);
      acknowledge(c, 'AwsSolutions-IAM5', reason, [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        `Resource::${bucketArn}/*`,
        `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*`,
      ]);
    }
  }
}
