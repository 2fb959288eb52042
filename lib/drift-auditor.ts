import { Aws, Duration, Stack } from 'aws-cdk-lib';
import { SecurityGroup, SubnetType, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { CfnAccessEntry } from 'aws-cdk-lib/aws-eks';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TrackerConfig } from '../lambdas/core/tickets/tracker-config';
import { METRICS } from '../lambdas/use-cases/metric-names';
import { ChangeEvents } from './change-events';
import { ContextError } from './context-values';
import { addClusterAccessEntries } from './eks-access';
import { DRIFT_K8S_GROUP } from './eks-rbac';
import { EstateBucket } from './estate-bucket';
import type { SeedFile } from './estate-files';
import { FUNCTION_ACCESS } from './function-access';
import { grantAccess } from './function-grants';
import { RunFunctions } from './functions';
import { parseRoleArn, readsWhere, type KindReads, type ReadPlan } from './read-access';
import { readStatements, type LiveReads } from './read-statements';
import { RunAlarms } from './run-alarms';
import { RunSchedule } from './run-schedule';
import { RunStateMachine } from './run-state-machine';
import { InstallationSecrets } from './secrets';
import { StoreTable } from './store-table';
import { TicketSubscriber } from './ticket-subscriber';

export interface DriftAuditorProps {
  projectRoot: string;
  /** Live reads derived from the estates (`readPlan`). */
  reads: ReadPlan;
  /** The estate files and baselines to seed under `estates/` (`seedFiles`). */
  seedFiles: SeedFile[];
  /** Scheduler expression, default `cron(0 2 * * ? *)`, in `timezone` (default UTC). */
  schedule?: string;
  timezone?: string;
  slackWebhookSecretArn?: string;
  alarmEmail?: string;
  /** For private EKS endpoints: the snapshot function runs in this VPC's private subnets. */
  vpc?: IVpc;
  /** Buckets holding ECS environment files (checked names), read by live ECS sources. */
  envFileBuckets?: string[];
  /** The snapshot function's role name: member read roles trust exactly this role. */
  readerRoleName?: string;
  maxConcurrency?: number;
  /** A base URL serving the bucket's `runs/` (checked https); without it the digest links the report's S3 console page. */
  reportBaseUrl?: string;
  /** A ticket subscriber for this tracker, its token in an existing secret (`secretArn`) or a created one. */
  tickets?: { config: TrackerConfig; secretArn?: string };
}

export const DEFAULT_SCHEDULE = 'cron(0 2 * * ? *)';
export const DEFAULT_READER_ROLE_NAME = 'drift-snapshot-reader';
export const DEFAULT_STACK_NAME = 'DriftInstallation';

/**
 * The `service` dimension of an installation's metrics (namespace `drift`), which its alarms read:
 * a metric is the account's and region's, so a second installation there (another `stackName`)
 * counts under its own and never raises the first one's alarms. The default installation keeps `drift`.
 */
export const metricsService = (stackName: string): string =>
  stackName === DEFAULT_STACK_NAME ? METRICS.service : `${METRICS.service}-${stackName}`;

/** A drift installation: store, bucket, topic, secrets, the four functions, the run, its schedule and alarms. */
export class DriftAuditor extends Construct {
  readonly store: StoreTable;
  readonly bucket: EstateBucket;
  readonly topic: Topic;
  readonly secrets: InstallationSecrets;
  readonly functions: RunFunctions;
  readonly run: RunStateMachine;
  readonly schedule: RunSchedule;
  readonly alarms: RunAlarms;
  readonly deadLetterQueue: Queue;
  /** Change events → buffer → route-events → targeted runs. */
  readonly changeEvents: ChangeEvents;
  /** Lifecycle events → queue → sync-tickets → the tracker (context `tickets`). */
  readonly tickets?: TicketSubscriber;
  /** The live reads the snapshot role makes itself (environments without a `roleArn`). */
  readonly directReads: LiveReads & KindReads;
  /** The snapshot role's EKS access entries, one per own-account cluster. */
  readonly accessEntries: CfnAccessEntry[];

  constructor(scope: Construct, id: string, props: DriftAuditorProps) {
    super(scope, id);
    const key = new Key(this, 'Key', { description: 'drift: topics and the dead-letter queue', enableKeyRotation: true });
    // CloudWatch alarms publish to the encrypted alarm topic. (The alarms' own ARNs cannot be named
    // here: the key comes before the topic, the topic before the alarms.)
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );

    this.store = new StoreTable(this, 'Store');
    this.bucket = new EstateBucket(this, 'Estates', { seedFiles: props.seedFiles, projectRoot: props.projectRoot });
    this.topic = new Topic(this, 'Findings', { displayName: 'drift findings', masterKey: key, enforceSSL: true });
    this.secrets = new InstallationSecrets(this, 'Secrets', {
      slackWebhookSecretArn: props.slackWebhookSecretArn,
      ticketsToken: props.tickets && { secretArn: props.tickets.secretArn },
    });
    const reportBaseUrl: Record<string, string> = props.reportBaseUrl ? { DRIFT_REPORT_BASE_URL: props.reportBaseUrl } : {};
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const table = this.store.table;
    const bucket = this.bucket.bucket;
    const vpc = props.vpc;
    const securityGroups = vpc
      ? [
          new SecurityGroup(this, 'SnapshotSecurityGroup', {
            vpc,
            description: 'drift snapshot: HTTPS out to AWS APIs and EKS endpoints',
            allowAllOutbound: true,
          }),
        ]
      : undefined;
    // Member read roles trust this role by name (it must be known before the installation exists).
    const snapshotRole = new Role(this, 'SnapshotRole', {
      roleName: props.readerRoleName ?? DEFAULT_READER_ROLE_NAME,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'drift snapshot-target: reads the declared sources, directly or through member read roles',
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
        ...(vpc ? [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')] : []),
      ],
    });
    this.functions = new RunFunctions(this, 'Functions', {
      roles: { 'snapshot-target': snapshotRole },
      projectRoot: props.projectRoot,
      environment: {
        DRIFT_TABLE: table.tableName,
        DRIFT_BUCKET: bucket.bucketName,
        DRIFT_TOPIC_ARN: this.topic.topicArn,
        DRIFT_FINGERPRINT_SECRET_ARN: this.secrets.fingerprintKey.secretArn,
        // An environment naming this account is read with those that name none (one target, one rate limiter).
        DRIFT_ACCOUNT: Aws.ACCOUNT_ID,
        // The metrics the alarms read are emitted under these.
        POWERTOOLS_SERVICE_NAME: metricsService(Stack.of(this).stackName),
        POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
      },
      environmentOf: {
        'notify-run': {
          DRIFT_SLACK_SECRET_ARN: this.secrets.slackWebhook.secretArn,
          ...reportBaseUrl,
        },
        ...(props.tickets && {
          'sync-tickets': {
            DRIFT_TICKETS: JSON.stringify(props.tickets.config),
            DRIFT_TICKETS_SECRET_ARN: this.secrets.ticketsToken!.secretArn,
            ...reportBaseUrl,
          },
        }),
      },
      optional: props.tickets ? ['sync-tickets'] : [],
      vpc,
      vpcSubnets: vpc ? snapshotSubnets(vpc) : undefined,
      securityGroups,
    });
    const fns = this.functions.byName;
    const made = this.functions.made;

    // Least privilege: each function is granted exactly what its wiring uses, and only the
    // fingerprinting function may read the fingerprint key (its resource policy denies everyone else).
    const targets = { bucket, store: this.store, secrets: this.secrets, topic: this.topic };
    for (const [name, fn] of made) grantAccess(fn, FUNCTION_ACCESS[name], targets);
    this.secrets.onlyReadBy(made.filter(([name]) => FUNCTION_ACCESS[name].secrets.includes('fingerprintKey')).map(([, fn]) => fn.role!));

    // Reads in the installation's own account (environments without a roleArn) go straight from the
    // snapshot role; everything else goes through the member's read role.
    const direct = {
      ...readsWhere(props.reads, (r) => !r.roleArn),
      envFileBuckets: props.envFileBuckets,
    };
    const stack = Stack.of(this);
    for (const s of readStatements(direct, stack.account, stack.region)) snapshotRole.addToPrincipalPolicy(s);
    this.directReads = direct;
    // Own-account clusters: the snapshot role's own access entry (one per cluster) maps it to the group the RBAC binds.
    this.accessEntries = addClusterAccessEntries(this, direct.eks, snapshotRole.roleArn, DRIFT_K8S_GROUP);
    if (props.reads.roleArns.length) {
      snapshotRole.addToPrincipalPolicy(
        new PolicyStatement({ sid: 'AssumeMemberReadRoles', actions: ['sts:AssumeRole'], resources: props.reads.roleArns }),
      );
    }

    this.run = new RunStateMachine(this, 'Run', {
      planRun: fns['plan-run'],
      snapshotTarget: fns['snapshot-target'],
      auditRun: fns['audit-run'],
      notifyRun: fns['notify-run'],
      deadLetterQueue: this.deadLetterQueue,
      maxConcurrency: props.maxConcurrency,
    });
    for (const [name, fn] of made) if (FUNCTION_ACCESS[name].startsRuns) this.run.stateMachine.grantStartExecution(fn);
    fns['route-events'].addEnvironment('DRIFT_STATE_MACHINE_ARN', this.run.stateMachine.stateMachineArn);
    this.changeEvents = new ChangeEvents(this, 'ChangeEvents', {
      router: fns['route-events'],
      memberAccounts: props.reads.roleArns.map((arn) => parseRoleArn(arn).account),
    });
    const ticketsFn = this.functions.optional['sync-tickets'];
    this.tickets = ticketsFn && new TicketSubscriber(this, 'Tickets', { topic: this.topic, consumer: ticketsFn });
    this.schedule = new RunSchedule(this, 'Schedule', {
      stateMachine: this.run.stateMachine,
      deadLetterQueue: this.deadLetterQueue,
      expression: props.schedule ?? DEFAULT_SCHEDULE,
      timezone: props.timezone ?? 'UTC',
    });
    // Made once the deploy's estates are in estates/: a first deploy that straddles the cron never runs on a half-seeded bucket.
    const seeding = this.bucket.seeding?.resource;
    if (seeding) this.schedule.schedule.node.addDependency(seeding);
    this.alarms = new RunAlarms(this, 'Alarms', {
      functions: Object.fromEntries(made),
      stateMachine: this.run.stateMachine,
      deadLetterQueue: this.deadLetterQueue,
      changeEventsDeadLetterQueue: this.changeEvents.deadLetterQueue,
      ticketsDeadLetterQueue: this.tickets?.deadLetterQueue,
      key,
      email: props.alarmEmail,
      service: metricsService(Stack.of(this).stackName),
    });
  }
}

/**
 * Where the snapshot function runs in `-c vpcId`: private subnets with a way out (NAT), else the
 * isolated subnets of a VPC reached through VPC endpoints (common for private clusters). A function
 * in a public subnet gets no public address and reaches nothing.
 */
function snapshotSubnets(vpc: IVpc): SubnetSelection {
  if (vpc.privateSubnets.length) return { subnetType: SubnetType.PRIVATE_WITH_EGRESS };
  if (vpc.isolatedSubnets.length) return { subnetType: SubnetType.PRIVATE_ISOLATED };
  throw new ContextError(
    `-c vpcId=${vpc.vpcId}: the VPC has no private subnets (with a NAT gateway, or isolated with VPC endpoints) for the snapshot function; a function in a public subnet reaches nothing`,
  );
}
