import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { SeedFile } from './estate-files';
import { handlerCode, RUNTIME } from './functions';
import { ESTATES_PREFIX, SEED_PREFIX } from '../lambdas/adapters/s3/bucket-layout';
import type { SeededFile } from '../lambdas/core/seeding/seed-plan';

export interface EstateSeedingProps {
  bucket: Bucket;
  seedFiles: SeedFile[];
  /** The repository root: the handler's entry file is found from it. */
  projectRoot: string;
}

/**
 * `cdk deploy`'s seeding of `estates/`. CDK's BucketDeployment stages the files under `seed/` (an
 * `aws s3 sync` of freshly unzipped files, which would rewrite every object it syncs); the seeding function
 * (lambdas/handlers/seed-estates.ts, a custom resource) then writes to `estates/` only what is
 * absent or older there, never a newer `drift publish`, removes the estates the deploy no longer
 * has, and says what it left and removed (the stack's outputs).
 *
 * CDK's provider framework answers CloudFormation, not the seeding function: a function that dies
 * before it could answer (out of memory, timed out, unable to load) is an invoke error the framework
 * turns into a FAILED at once, where a function answering for itself would leave the stack waiting
 * an hour.
 */
export class EstateSeeding extends Construct {
  readonly function: LambdaFunction;
  /** The custom resource's service token: CDK's provider framework, which invokes `function` and answers CloudFormation. */
  readonly provider: Provider;
  readonly resource: CustomResource;
  readonly staging: BucketDeployment;

  constructor(scope: Construct, id: string, props: EstateSeedingProps) {
    super(scope, id);
    const { bucket } = props;
    // Staged by content (`seed/{sha256}`) and never pruned: a rollback hands the seeding the previous
    // deploy's files, which must still be there (an estate this deploy removed is restored from them).
    const byContent = new Map(props.seedFiles.map((f) => [f.sha256, f.text]));
    this.staging = new BucketDeployment(this, 'Staging', {
      sources: [...byContent].map(([sha256, text]) => Source.data(sha256, text)),
      destinationBucket: bucket,
      destinationKeyPrefix: SEED_PREFIX,
      prune: false,
      memoryLimit: 256,
      // Its handler's logs, kept as every other function's are (CDK's default group is kept forever).
      logGroup: new LogGroup(this, 'StagingLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
    });

    // Not 'Function' and 'Resource' as before the provider framework: CloudFormation refuses to change a custom
    // resource's service token, and the old resource's Delete (at an upgrade's cleanup) must reach the old code.
    this.function = new LambdaFunction(this, 'Seeder', {
      description: 'drift: seeds estates/ at deploy, never over a newer drift publish',
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(5),
      handler: 'index.handler',
      code: handlerCode(this, props.projectRoot, 'seed-estates'),
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
    });
    const estates = bucket.arnForObjects(`${ESTATES_PREFIX}*`);
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${ESTATES_PREFIX}*`] } },
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [estates, bucket.arnForObjects(`${SEED_PREFIX}*`)] }),
    );
    this.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [estates] }));

    const files: SeededFile[] = props.seedFiles.map(({ key, sha256, sourceTime }) => ({ key, sha256, sourceTime }));
    // The files' hashes and times are its properties: a deploy that changes none of them does not run it.
    this.provider = new Provider(this, 'Provider', {
      onEventHandler: this.function,
      logGroup: new LogGroup(this, 'ProviderLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY }),
    });
    this.resource = new CustomResource(this, 'Seed', {
      serviceToken: this.provider.serviceToken,
      // Past the framework function's own 15 minutes: were even it to die unanswered, the stack fails then, not after an hour.
      serviceTimeout: Duration.minutes(17),
      resourceType: 'Custom::DriftEstateSeeding',
      properties: { Bucket: bucket.bucketName, Files: files },
    });
    this.resource.node.addDependency(this.staging);
  }
}
