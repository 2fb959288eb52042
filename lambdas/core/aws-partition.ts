/** An AWS partition: what its ARNs start with, and the domain its regional endpoints are under. */
export interface Partition {
  name: string;
  dnsSuffix: string;
}

const COMMERCIAL: Partition = { name: 'aws', dnsSuffix: 'amazonaws.com' };

// The partitions other than `aws`, by the prefix of their regions' names (as aws-cdk-lib's region-info lists them).
const BY_REGION_PREFIX: ReadonlyArray<readonly [string, Partition]> = [
  ['cn-', { name: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' }],
  ['us-gov-', { name: 'aws-us-gov', dnsSuffix: 'amazonaws.com' }],
  ['us-iso-', { name: 'aws-iso', dnsSuffix: 'c2s.ic.gov' }],
  ['us-isob-', { name: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov' }],
  ['us-isof-', { name: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov' }],
  ['eu-isoe-', { name: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk' }],
  ['eusc-', { name: 'aws-eusc', dnsSuffix: 'amazonaws.eu' }],
];

/** The partition a region is in: `cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`, any other → `aws`. */
export const partitionOf = (region: string): Partition => BY_REGION_PREFIX.find(([p]) => region.startsWith(p))?.[1] ?? COMMERCIAL;

/**
 * The names a service may go by in `kms:ViaService` in a region: `ssm.eu-west-1.amazonaws.com`; in a
 * partition with its own domain also `ssm.cn-north-1.amazonaws.com.cn`. AWS's examples show only the
 * first form and the partition's endpoints use the second; both name only this service in this region.
 */
export function viaServiceNames(service: string, region: string): string[] {
  const { dnsSuffix } = partitionOf(region);
  const names = [`${service}.${region}.amazonaws.com`];
  return dnsSuffix === COMMERCIAL.dnsSuffix ? names : [...names, `${service}.${region}.${dnsSuffix}`];
}

/**
 * `kms:ViaService` patterns (for `StringLike`) naming a service in any region of `region`'s partition:
 * `s3.*.amazonaws.com`, for what may be in any region (an S3 bucket), but only through that service.
 */
export const viaServiceAnyRegion = (service: string, region: string): string[] =>
  viaServiceNames(service, region).map((name) => name.replace(`${service}.${region}.`, `${service}.*.`));
