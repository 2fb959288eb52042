import type { ChangeEvent } from '../../../core/events/change-event';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { viaServiceNames } from '../../../core/aws-partition';
import { fieldProblem, must, no, ok, oneOrMany, sorted, type Checked } from '../checked';
import { regionalArn, type GrantContext, type KindAccess, type ReadScope } from '../kind-access';

/** `path` always ends in `/`: `/prod` is read as `/prod/`. */
export interface SsmRead extends ReadScope {
  path: string;
}

/**
 * An SSM path as the grant covers it: always ending in `/`, so `/prod` covers `/prod/…` and never
 * `/production-…`. Parameter names hold letters, digits and `_.-` between slashes.
 */
export function ssmPath(v: string): Checked {
  if (!/^\/([A-Za-z0-9_.-]+\/)*([A-Za-z0-9_.-]+\/?)?$/.test(v)) {
    return no('is not an SSM parameter path ("/" and segments of letters, digits, "_", "." and "-"; no wildcards, no empty segment)');
  }
  return ok(v.endsWith('/') ? v : `${v}/`);
}

/** `/staging/api/` → `staging/api/`: the part of a parameter ARN after `parameter/`. */
export const ssmArnPath = (path: string): string => path.replace(/^\/+/, '');

/** The parameters under a read's path, in its account and region (the installation's where not declared). */
export const ssmParameterArn = (r: SsmRead, w: GrantContext): string => `${regionalArn('ssm', r, w)}:parameter/${ssmArnPath(r.path)}*`;

const arns = (reads: SsmRead[], w: GrantContext): string[] => sorted(reads.map((r) => ssmParameterArn(r, w)));

/**
 * Parameter Store: DescribeParameters then GetParameters, as the collector calls them (never
 * GetParametersByPath), and SecureStrings decrypted only through Parameter Store.
 */
export const ssmAccess: KindAccess<SpecOf<'ssm'>, SsmRead> = {
  calls: ['ssm:DescribeParameters', 'ssm:GetParameters', 'kms:Decrypt'],
  problems: (spec) => fieldProblem('path', spec.path, ssmPath(spec.path)),
  read: (spec, scope) => (spec.from ? undefined : { ...scope, path: must(`ssm ${spec.path}`, ssmPath(spec.path)).value }),
  key: (r) => r.path,
  grants: (reads, w) => [
    { sid: 'ReadDeclaredParameters', actions: ['ssm:GetParameters'], resources: arns(reads, w) },
    // DescribeParameters has no resource-level permissions; it returns metadata, never values.
    { sid: 'DescribeParameters', actions: ['ssm:DescribeParameters'], resources: ['*'] },
    // SecureStrings: decrypt only through Parameter Store, which decrypts only what GetParameters above lets this role read.
    {
      sid: 'DecryptSecureStringsViaSsm',
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:ViaService': oneOrMany(sorted(reads.flatMap((r) => viaServiceNames('ssm', r.region ?? w.region)))) },
      },
    },
  ],
  wildcards: (reads, w) => ['*', ...arns(reads, w)],
  wildcardReason:
    'ssm:DescribeParameters supports no resource-level permissions; ' +
    'kms:Decrypt on * is limited by kms:ViaService to Parameter Store (which decrypts only the parameters GetParameters allows); ' +
    'a parameter ARN ends in /* to cover exactly the declared path (checked: no wildcard in it)',
};

/** Whether a change names a parameter under the read's path; a declared path always ends in `/`, so `/prod/` never matches `/production/…`. */
export const ssmTouches = (read: SsmRead, change: ChangeEvent): boolean =>
  change.kind === 'ssm-parameter' && change.names.some((n) => n.startsWith(read.path));
