/** The installation's account and region in the tests that need them concrete. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const MEMBER_ROLE = 'arn:aws:iam::222222222222:role/drift-read';

/**
 * Everything a live estate can declare: SSM paths with and without a trailing slash, ECS services by
 * name and by ARN (and a cluster by ARN), an own-account EKS cluster and a member one, two workloads each.
 */
export const SHOP = `version: 1
name: shop
environments:
  staging:
    region: us-east-1
    sources:
      - ssm: { path: /prod }
      - ssm: { path: /shared/config/ }
      - ecs: { cluster: staging, service: api, container: api }
      - ecs: { cluster: staging, service: "arn:aws:ecs:us-east-1:123456789012:service/staging/worker", container: worker }
      - eks: { cluster: own-cluster, namespace: shop, workload: api }
      - eks: { cluster: own-cluster, namespace: shop, workload: deployment/worker }
  production:
    region: eu-west-1
    account: "222222222222"
    roleArn: ${MEMBER_ROLE}
    sources:
      - ssm: { path: /prod/shop }
      - ecs: { cluster: "arn:aws:ecs:eu-west-1:222222222222:cluster/prod", service: api, container: api }
      - eks: { cluster: member-cluster, namespace: shop, workload: api }
      - eks: { cluster: member-cluster, namespace: shop, workload: statefulset/cache }
baseline:
  keys:
    port: { type: int, value: 8080 }
`;

/** The context for SHOP as \`cdk deploy -c …\` passes it: every value a string. */
export const SHOP_CONTEXT = {
  envFileBuckets: '["shop-config-us","shop-config-eu"]',
  memberRoles: 'arn:aws:iam::333333333333:role/drift-read',
};
