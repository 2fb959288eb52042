import type { ChangeEvent } from '../../../core/events/change-event';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { viaServiceAnyRegion } from '../../../core/aws-partition';
import { must, oneOrMany, sorted } from '../checked';
import { ecsService, type EcsService } from './ecs-names';
import { regionalArn, type FieldProblem, type Grant, type GrantContext, type KindAccess, type ReadScope } from '../kind-access';

/** Cluster and service by name (an ARN declared is normalised; its account and region are the read's). */
export interface EcsRead extends ReadScope {
  cluster: string;
  service: string;
  legacyArn?: string;
}

/** The service a read describes, in its account and region (the installation's where not declared). */
export const ecsServiceArn = (r: EcsRead, w: GrantContext): string =>
  r.legacyArn ?? `${regionalArn('ecs', r, w)}:service/${r.cluster}/${r.service}`;

const envFileObjects = (buckets: string[], w: GrantContext): string[] => sorted(buckets.map((b) => `arn:${w.partition}:s3:::${b}/*`));

/** S3 in any region of the reads' partitions, as `kms:ViaService` names it. */
const envFileVia = (reads: EcsRead[], w: GrantContext): string[] =>
  sorted([...new Set(reads.flatMap((r) => viaServiceAnyRegion('s3', r.region ?? w.region)))]);

/**
 * The environment files' objects, and their decryption where a bucket is encrypted with a customer
 * managed key (SSE-KMS): S3 decrypts on GetObject with the caller's permission, and neither the key
 * nor the bucket's region is known before the object is read.
 */
const envFileGrants = (reads: EcsRead[], w: GrantContext): Grant[] =>
  w.envFileBuckets?.length
    ? [
        { sid: 'ReadEnvironmentFiles', actions: ['s3:GetObject'], resources: envFileObjects(w.envFileBuckets, w) },
        {
          sid: 'DecryptEnvironmentFilesViaS3',
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: { StringLike: { 'kms:ViaService': oneOrMany(envFileVia(reads, w)) } },
        },
      ]
    : [];

/** The declared clusters, for ListTasks' `ecs:cluster` condition. */
const clusterArns = (reads: EcsRead[], w: GrantContext): string[] =>
  sorted(reads.map((r) => `${regionalArn('ecs', r, w)}:cluster/${r.cluster}`));

/** The tasks of the declared clusters (task ids are not known before they run). */
const clusterTasks = (reads: EcsRead[], w: GrantContext): string[] =>
  sorted(reads.map((r) => `${regionalArn('ecs', r, w)}:task/${r.cluster}/*`));

/** A service ARN elsewhere than the environment is read: the snapshot would look for it in the wrong place. */
function placeProblems(s: EcsService, declaredRegion: string | undefined, account: string | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (s.region && declaredRegion === undefined)
    out.push({
      field: 'service',
      message: `is in ${s.region}: declare \`region: ${s.region}\` on the environment or the source (the snapshot reads it there)`,
    });
  else if (s.region && declaredRegion !== s.region)
    out.push({ field: 'service', message: `is in ${s.region}, but the environment is read in ${declaredRegion}` });
  if (s.account && account !== undefined && account !== s.account)
    out.push({ field: 'service', message: `is in account ${s.account}, but the environment is account ${account}` });
  return out;
}

/** ECS: the declared services, their task definitions and scaling (Describe calls on `*`), and their environment files. */
export const ecsAccess: KindAccess<SpecOf<'ecs'>, EcsRead> = {
  calls: [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'application-autoscaling:DescribeScalableTargets',
    's3:GetObject',
    'kms:Decrypt',
    'ecs:ListTasks',
    'ecs:DescribeTasks',
  ],
  problems: (spec, env) => {
    if (spec.cluster === undefined || spec.service === undefined) return [];
    const r = ecsService(spec.cluster, spec.service);
    if ('problem' in r) return [{ field: r.field, message: r.problem }];
    return placeProblems(r, spec.region ?? env.region, env.account);
  },
  read: (spec, scope) => {
    if (spec.from || !spec.cluster || !spec.service) return undefined;
    const s = must(`ecs ${spec.cluster}/${spec.service}`, ecsService(spec.cluster, spec.service));
    return {
      ...scope,
      account: scope.account ?? s.account,
      region: scope.region ?? s.region,
      cluster: s.cluster,
      service: s.service,
      ...(s.legacyArn ? { legacyArn: s.legacyArn } : {}),
    };
  },
  key: (r) => `${r.cluster}/${r.service}`,
  grants: (reads, w) => [
    {
      sid: 'DescribeDeclaredServices',
      actions: ['ecs:DescribeServices'],
      resources: sorted(reads.map((r) => ecsServiceArn(r, w))),
    },
    // Neither call supports resource-level permissions.
    {
      sid: 'DescribeTaskDefinitionsAndScaling',
      actions: ['ecs:DescribeTaskDefinition', 'application-autoscaling:DescribeScalableTargets'],
      resources: ['*'],
    },
    // ListTasks names no resource it can be scoped by (the reference lists container instances): the cluster condition scopes it.
    {
      sid: 'ListDeclaredClustersTasks',
      actions: ['ecs:ListTasks'],
      resources: ['*'],
      conditions: { ArnEquals: { 'ecs:cluster': oneOrMany(clusterArns(reads, w)) } },
    },
    { sid: 'DescribeDeclaredClustersTasks', actions: ['ecs:DescribeTasks'], resources: clusterTasks(reads, w) },
    ...envFileGrants(reads, w),
  ],
  wildcards: (reads, w) => ['*', ...clusterTasks(reads, w), ...(w.envFileBuckets?.length ? envFileObjects(w.envFileBuckets, w) : [])],
  wildcardReason:
    'ecs:DescribeTaskDefinition and application-autoscaling:DescribeScalableTargets support no resource-level permissions; ' +
    'ecs:ListTasks is limited by ecs:cluster to the declared clusters and ecs:DescribeTasks to their tasks (task ids are not known in advance); ' +
    'environment files are objects of the buckets the user names (checked bucket names); ' +
    'kms:Decrypt on * is limited by kms:ViaService to S3, which decrypts only the objects GetObject allows (their SSE-KMS key is not known in advance)',
};

/**
 * Whether a change concerns the declared service. A new task-definition revision changes nothing
 * running until a service uses it: that UpdateService call, or the deployment it starts, is the change.
 * A change naming no cluster (an old-format service ARN) concerns the service of that name in any
 * cluster of its account and region: at worst one targeted run too many, never a deployment missed.
 */
export const ecsTouches = (read: EcsRead, change: ChangeEvent): boolean =>
  change.kind === 'ecs-service' && (change.cluster === undefined || change.cluster === read.cluster) && change.service === read.service;
