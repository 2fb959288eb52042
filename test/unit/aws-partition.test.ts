import { RegionInfo } from 'aws-cdk-lib/region-info';
import { partitionOf, viaServiceAnyRegion, viaServiceNames } from '../../lambdas/core/aws-partition';

describe('partitionOf', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region).name).toBe(partition);
  });

  test("agrees with aws-cdk-lib's region-info on every region it knows, partition and domain", () => {
    const known = RegionInfo.regions.filter((r) => r.partition !== undefined);
    expect(known.length).toBeGreaterThan(30);
    const mine = known.map((r) => ({ region: r.name, partition: partitionOf(r.name).name, dnsSuffix: partitionOf(r.name).dnsSuffix }));
    expect(mine).toEqual(known.map((r) => ({ region: r.name, partition: r.partition, dnsSuffix: r.domainSuffix })));
  });
});

describe('viaServiceNames', () => {
  test.each([
    ['eu-west-1', ['ssm.eu-west-1.amazonaws.com']],
    ['us-gov-west-1', ['ssm.us-gov-west-1.amazonaws.com']],
    ['cn-north-1', ['ssm.cn-north-1.amazonaws.com', 'ssm.cn-north-1.amazonaws.com.cn']],
  ])('ssm in %s', (region, names) => {
    expect(viaServiceNames('ssm', region)).toEqual(names);
  });
});

describe('viaServiceAnyRegion', () => {
  test.each([
    ['eu-west-1', ['s3.*.amazonaws.com']],
    ['cn-north-1', ['s3.*.amazonaws.com', 's3.*.amazonaws.com.cn']],
    ['eusc-de-east-1', ['s3.*.amazonaws.com', 's3.*.amazonaws.eu']],
  ])('s3 anywhere in the partition of %s', (region, names) => {
    expect(viaServiceAnyRegion('s3', region)).toEqual(names);
  });
});
