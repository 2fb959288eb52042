const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** An ECS service as declared (name or ARN) with its cluster (name or ARN), normalised to names. */
export interface EcsService {
  cluster: string;
  service: string;
  /** From an ARN: where the service is. */
  account?: string;
  region?: string;
  /** An old-format service ARN (`service/NAME`, no cluster): granted exactly as written. */
  legacyArn?: string;
}

const ECS_ARN = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\d{12}):(cluster|service)\/([^/]+)(?:\/([^/]+))?$/;

/** Normalises a declared ECS cluster and service (each a name or an ARN), or says what is wrong. */
export function ecsService(cluster: string, service: string): EcsService | { problem: string; field: 'cluster' | 'service' } {
  const fail = (field: 'cluster' | 'service', value: string, why: string) => ({ field, problem: `${JSON.stringify(value)} ${why}` });
  const named = 'is not an ECS name or ARN (1-255 letters, digits, "_" and "-"; no wildcards)';
  let where: { account?: string; region?: string } = {};
  let clusterName = cluster;
  if (cluster.startsWith('arn:')) {
    const m = ECS_ARN.exec(cluster);
    if (!m || m[3] !== 'cluster' || m[5] !== undefined || !ECS_NAME.test(m[4]!))
      return fail('cluster', cluster, 'is not an ECS cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)');
    where = { region: m[1]!, account: m[2]! };
    clusterName = m[4]!;
  } else if (!ECS_NAME.test(cluster)) return fail('cluster', cluster, named);

  if (!service.startsWith('arn:')) {
    if (!ECS_NAME.test(service)) return fail('service', service, named);
    return { cluster: clusterName, service, ...where };
  }
  const m = ECS_ARN.exec(service);
  if (!m || m[3] !== 'service')
    return fail('service', service, 'is not an ECS service ARN (arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME)');
  const [, r, a, , first, second] = m as unknown as [string, string, string, string, string, string | undefined];
  const [inCluster, name] = second === undefined ? [undefined, first] : [first, second];
  if (!ECS_NAME.test(name) || (inCluster !== undefined && !ECS_NAME.test(inCluster))) return fail('service', service, named);
  if (inCluster !== undefined && inCluster !== clusterName)
    return fail('service', service, `is in cluster ${inCluster}, not in ${clusterName} (the declared cluster)`);
  if ((where.region && where.region !== r) || (where.account && where.account !== a))
    return fail('service', service, 'is not in the account and region of the cluster ARN');
  return { cluster: clusterName, service: name, account: a, region: r, ...(second === undefined ? { legacyArn: service } : {}) };
}
