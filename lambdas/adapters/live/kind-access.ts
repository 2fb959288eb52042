import { partitionOf } from '../../core/aws-partition';
import type { EnvironmentSpec } from '../../core/estate/model';

/** Where a live read happens: the declared account and region (else the installation's), through which role. */
export interface ReadScope {
  account?: string;
  region?: string;
  roleArn?: string;
}

/** One IAM statement as data: the CDK code makes a PolicyStatement of it. */
export interface Grant {
  sid: string;
  actions: string[];
  resources: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
}

/** The installation's settings the grants are made in: its partition, account and region, and what the context declares. */
export interface GrantContext {
  /** `aws`, `aws-cn`, `aws-us-gov`…: every read is in the installation's partition (roles cannot be assumed across). */
  partition: string;
  account: string;
  region: string;
  /** Buckets holding ECS environment files (checked names). */
  envFileBuckets?: string[];
}

/** A declared field that cannot be read or granted as written: `message` follows the field's path. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * `arn:PARTITION:SERVICE:REGION:ACCOUNT` where a read happens: its declared account and region (and
 * that region's partition, known even when the installation's is not at synth), else the installation's.
 */
export const regionalArn = (service: string, r: ReadScope, w: GrantContext): string =>
  `arn:${r.region ? partitionOf(r.region).name : w.partition}:${service}:${r.region ?? w.region}:${r.account ?? w.account}`;

/** The IAM a live kind needs, from the declared reads: pure data that lib/read-statements iterates. */
export interface KindAccess<Spec, Read extends ReadScope> {
  /** The IAM actions of every call its live reader makes: nothing else may be granted. */
  calls: readonly string[];
  /** Names that cannot be granted or read as written (a wildcard, an ARN where a name belongs, another region). */
  problems(spec: Spec, env: EnvironmentSpec): FieldProblem[];
  /** The live read a spec declares, its names normalised, in `scope`; undefined when it reads nothing live. Throws for a name `problems` rejects. */
  read(spec: Spec, scope: ReadScope): Read | undefined;
  /** Reads with the same key are one grant. */
  key(read: Read): string;
  /** The statements that allow `reads` (all of one principal), exactly the declared resources. */
  grants(reads: Read[], where: GrantContext): Grant[];
  /** The wildcard resources of those grants, built from the declared (checked) names, never read back from the grants. */
  wildcards(reads: Read[], where: GrantContext): string[];
  /** Why each of those wildcards is acceptable, for cdk-nag. */
  wildcardReason: string;
}
