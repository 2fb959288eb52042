import { RegionInfo } from 'aws-cdk-lib/region-info';
import { partitionOf } from '../../lambdas/core/aws-partition';

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
