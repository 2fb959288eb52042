import { Document } from 'yaml';
import { WORKLOAD_APIS, type WorkloadKind } from '../lambdas/core/sources/k8s-objects';
import { eksCluster, k8sNamespace, k8sWorkload } from './declared-names';
import type { EksRead } from './read-access';

/** The Kubernetes group the read roles are mapped to by their EKS access entries. */
export const DRIFT_K8S_GROUP = 'drift-readers';

const RBAC = 'rbac.authorization.k8s.io';

interface RoleSpec {
  where: string;
  namespace: string;
  name: string;
  kinds: Set<WorkloadKind>;
}

function checkedName<T>(what: string, r: T | { problem: string }): T {
  if (typeof r === 'object' && r !== null && 'problem' in r) throw new Error(`${what}: ${r.problem}`);
  return r as T;
}

/** One Role per cluster, namespace and workload name; `deployment/api` and `api` share it. */
function roleSpecs(reads: readonly EksRead[]): RoleSpec[] {
  const specs = new Map<string, RoleSpec>();
  for (const r of reads) {
    checkedName(`cluster ${JSON.stringify(r.cluster)}`, eksCluster(r.cluster));
    checkedName(`namespace ${JSON.stringify(r.namespace)}`, k8sNamespace(r.namespace));
    const { kinds, name } = checkedName(`workload ${JSON.stringify(r.workload)}`, k8sWorkload(r.workload));
    const where = `${r.account ?? '(installation account)'} ${r.region ?? '(installation region)'} ${r.cluster}`;
    const key = JSON.stringify([where, r.namespace, name]);
    const spec = specs.get(key) ?? { where, namespace: r.namespace, name, kinds: new Set<WorkloadKind>() };
    for (const k of kinds) spec.kinds.add(k);
    specs.set(key, spec);
  }
  return [...specs.values()].sort(
    (a, b) => a.where.localeCompare(b.where) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}

const OWNER_NOTE = [
  ' drift cannot know which ConfigMaps and Secrets the workload references until it reads it:',
  ' add rules naming them (an empty resourceNames would allow every object), for example',
  ' - apiGroups: [""]',
  '   resources: [configmaps]   # or secrets',
  '   resourceNames: [NAME]',
  '   verbs: [get]',
  ' Never grant list or watch on Secrets.',
].join('\n');

/** One rule per API group of the kinds the workload may be: `get` on its name only. */
function workloadRules(spec: RoleSpec): Array<{ apiGroups: string[]; resources: string[]; resourceNames: string[]; verbs: string[] }> {
  const byGroup = new Map<string, string[]>();
  for (const kind of spec.kinds) {
    const { group, resource } = WORKLOAD_APIS[kind];
    byGroup.set(group, [...(byGroup.get(group) ?? []), resource]);
  }
  return [...byGroup].map(([group, resources]) => ({
    apiGroups: [group],
    resources: resources.sort(),
    resourceNames: [spec.name],
    verbs: ['get'],
  }));
}

function documents(spec: RoleSpec, group: string): Document[] {
  const roleName = `drift-read-${spec.name}`;
  const metadata = { name: roleName, namespace: spec.namespace };
  const role = new Document({
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata,
    rules: [
      ...workloadRules(spec),
      // The HPA that scales the workload, which may have any name: found by its scaleTargetRef in the list.
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['list'] },
      // The running pods (selected by the workload's selector), for when each started: list cannot be limited by name.
      { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
    ],
  });
  role.commentBefore = ` cluster ${spec.where}: ${spec.namespace}/${spec.name}\n The cluster's authentication mode must allow access entries (API or API_AND_CONFIG_MAP).`;
  role.comment = OWNER_NOTE;
  const binding = new Document({
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata,
    roleRef: { apiGroup: RBAC, kind: 'Role', name: roleName },
    subjects: [{ apiGroup: RBAC, kind: 'Group', name: group }],
  });
  return [role, binding];
}

/**
 * The namespaced Roles and RoleBindings cluster owners apply so drift can read each workload: `get`
 * on named objects only (the workload; the owner adds the ConfigMaps and Secrets it references),
 * `list` on the namespace's HPAs (the one scaling it may have any name) and pods (when each
 * started); never `watch`, never `list` on anything else. Written with a YAML library from checked names,
 * so no declared name can add a document or a field.
 */
export function renderRbac(reads: readonly EksRead[], group = DRIFT_K8S_GROUP): string {
  const docs = roleSpecs(reads).flatMap((s) => documents(s, group));
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('---\n');
}
