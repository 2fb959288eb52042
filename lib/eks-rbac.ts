import type { EksRead } from './read-access';

/** The Kubernetes group the member read role is mapped to by its EKS access entry. */
export const DRIFT_K8S_GROUP = 'drift-readers';

const WORKLOAD_RESOURCES = ['deployments', 'statefulsets', 'daemonsets'];

/**
 * The namespaced Role and RoleBinding a cluster owner applies so drift can read one workload: `get`
 * on named objects only (the workload, its HPA of the same name, and the ConfigMaps and Secrets the
 * owner lists), never `list` or `watch`, so Secrets cannot be enumerated.
 */
export function renderRbac(reads: readonly EksRead[], group = DRIFT_K8S_GROUP): string {
  const byCluster = new Map<string, EksRead[]>();
  for (const r of reads) {
    const k = `${r.account ?? '(installation account)'} ${r.region ?? '(installation region)'} ${r.cluster}`;
    byCluster.set(k, [...(byCluster.get(k) ?? []), r]);
  }
  const docs: string[] = [];
  for (const [where, rs] of [...byCluster.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (const r of [...rs].sort((a, b) => `${a.namespace}/${a.workload}`.localeCompare(`${b.namespace}/${b.workload}`))) {
      const name = `drift-read-${r.workload}`;
      docs.push(
        [
          `# cluster ${where}: ${r.namespace}/${r.workload}`,
          `# The cluster's authentication mode must allow access entries (API or API_AND_CONFIG_MAP).`,
          `apiVersion: rbac.authorization.k8s.io/v1`,
          `kind: Role`,
          `metadata: { name: ${name}, namespace: ${r.namespace} }`,
          `rules:`,
          `  - apiGroups: [apps]`,
          `    resources: [${WORKLOAD_RESOURCES.join(', ')}]`,
          `    resourceNames: [${r.workload}]`,
          `    verbs: [get]`,
          `  - apiGroups: [autoscaling]`,
          `    resources: [horizontalpodautoscalers]`,
          `    resourceNames: [${r.workload}]`,
          `    verbs: [get]`,
          `  # drift cannot know which ConfigMaps and Secrets the workload references until it reads it:`,
          `  # list them here (an empty resourceNames would allow every object, so the rules stay`,
          `  # commented out until names are filled in). Never grant list or watch on Secrets.`,
          `  # - apiGroups: [""]`,
          `  #   resources: [configmaps]`,
          `  #   resourceNames: [${r.workload}-config]`,
          `  #   verbs: [get]`,
          `  # - apiGroups: [""]`,
          `  #   resources: [secrets]`,
          `  #   resourceNames: [${r.workload}-secrets]`,
          `  #   verbs: [get]`,
          `---`,
          `apiVersion: rbac.authorization.k8s.io/v1`,
          `kind: RoleBinding`,
          `metadata: { name: ${name}, namespace: ${r.namespace} }`,
          `roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${name} }`,
          `subjects:`,
          `  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: ${group} }`,
        ].join('\n'),
      );
    }
  }
  return docs.length ? `${docs.join('\n---\n')}\n` : '';
}
