/** Where `drift init --discover` looks: what the caller named on the command line. */
export interface DiscoverScope {
  region: string;
  /** SSM: the parameters under this path. */
  ssmPath?: string;
  /** ECS: the services of this cluster. */
  ecsCluster?: string;
  /** EKS: the Deployments of `namespace` in this cluster. */
  eksCluster?: string;
  namespace?: string;
}

/** One source a team could declare, under the environment it seems to belong to (a proposal to edit). */
export interface DiscoveredSource {
  environment: string;
  /** The source's kind and fields as drift.yaml writes them: `ssm`, `{ path: /staging/checkout/ }`. */
  type: string;
  fields: Record<string, string>;
  /** What was found, for a comment: `14 parameters (3 SecureString)`. */
  note: string;
  /** Why this was found but is not proposed as a source (the skeleton says so in a comment). */
  leftOut?: string;
}

/** The sources a discovery proposes, without what it found and left out. */
export const proposed = (found: readonly DiscoveredSource[]): DiscoveredSource[] => found.filter((f) => f.leftOut === undefined);
