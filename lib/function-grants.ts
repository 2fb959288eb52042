import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { ESTATES_PREFIX, RUNS_PREFIX } from '../lambdas/adapters/s3/bucket-layout';
import type { FunctionAccess, RunFolder } from './function-access';
import type { InstallationSecrets } from './secrets';
import type { StoreTable } from './store-table';

/** The estate files' object pattern: every function reads them. */
export const ESTATE_OBJECTS = `${ESTATES_PREFIX}*`;

/** The objects of one folder (`reports/`) or file (`report.html`) of every run. */
export const runObjects = (f: RunFolder): string => `${RUNS_PREFIX}*/${f}${f.endsWith('/') ? '*' : ''}`;

export interface AccessTargets {
  bucket: IBucket;
  store: StoreTable;
  secrets: InstallationSecrets;
  topic: ITopic;
}

/** Grants `fn` exactly `access` on the installation's bucket, table, secrets and topic. */
export function grantAccess(fn: LambdaFunction, access: FunctionAccess, on: AccessTargets): void {
  const estates = on.bucket.arnForObjects(ESTATE_OBJECTS);
  fn.addToRolePolicy(new PolicyStatement({ sid: 'ReadEstates', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [estates] }));
  if (access.listsEstates) {
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'ListEstates',
        actions: ['s3:ListBucket'],
        resources: [on.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${ESTATES_PREFIX}*`] } },
      }),
    );
  }
  if (access.tellsMissingObjects) {
    fn.addToRolePolicy(new PolicyStatement({ sid: 'TellMissingObjects', actions: ['s3:ListBucket'], resources: [on.bucket.bucketArn] }));
  }
  if (access.store) on.store.grantUse(fn, access.store);
  // A folder (`reports/`) grants its objects; a file (`report.html`) itself, in every run.
  const folders = (fs: readonly RunFolder[]) => fs.map((f) => on.bucket.arnForObjects(runObjects(f)));
  if (access.runs.read.length) {
    fn.addToRolePolicy(new PolicyStatement({ sid: 'ReadRunFiles', actions: ['s3:GetObject'], resources: folders(access.runs.read) }));
  }
  if (access.runs.write.length) {
    fn.addToRolePolicy(new PolicyStatement({ sid: 'WriteRunFiles', actions: ['s3:PutObject'], resources: folders(access.runs.write) }));
  }
  for (const secret of access.secrets) on.secrets.grantValueRead(secret, fn);
  if (access.publishes) on.topic.grantPublish(fn);
}
