import { flag, words } from './k8s-command-line';
import { podTemplate, WORKLOAD_KINDS, type K8sObject, type WorkloadKind } from './k8s-objects';
import { isRecord, records, str, type Rec } from './shape';

/**
 * Secrets a workload's own containers create in the cluster when they start, which no manifest holds: Argo CD's
 * `argocd admin redis-initial-password` (the init container of its Redis) writes the Redis password to `argocd-redis`;
 * MetalLB's controller writes the speakers' memberlist key to the Secret its METALLB_ML_SECRET_NAME names.
 */

const envValue = (c: Rec, name: string): string | undefined => str(records(c.env).find((e) => e.name === name)?.value);

/** Whether a namespace a flag or variable names (none: the pod's own) is `namespace`; `$(VAR)` is the pod's, as written. */
const into = (named: string | undefined, namespace: string): boolean => named === undefined || named.includes('$(') || named === namespace;

const NAMESPACE_FLAGS = ['--namespace', '-n'] as const;

const runsRedisInitialPassword = (line: string[]): boolean => {
  const at = line.indexOf('redis-initial-password');
  return at > 0 && line[at - 1] === 'admin';
};

/** Argo CD's `argocd admin redis-initial-password`: the Secret and key its Redis clients read the password from. */
function argoRedisPassword(c: Rec, namespace: string): StartedSecret[] {
  const line = words(c);
  if (!runsRedisInitialPassword(line) || !into(flag(line, NAMESPACE_FLAGS), namespace)) return [];
  return [{ name: 'argocd-redis', keys: new Set(['auth']) }];
}

/** MetalLB's controller: the memberlist key its speakers mount, named by its variable or flag. */
function metallbMemberlist(c: Rec, namespace: string): StartedSecret[] {
  const line = words(c);
  const name = flag(line, ['--ml-secret-name']) ?? envValue(c, 'METALLB_ML_SECRET_NAME');
  if (!name || !into(flag(line, ['--namespace']) ?? envValue(c, 'METALLB_NAMESPACE'), namespace)) return [];
  return [{ name, keys: new Set(['secretkey']) }];
}

export interface StartedSecret {
  name: string;
  keys: ReadonlySet<string>;
}

const isWorkload = (kind: string): kind is WorkloadKind => (WORKLOAD_KINDS as readonly string[]).includes(kind);

/** The Secrets the containers of a workload of the manifests create in `namespace` when they start. */
export function startedSecrets(o: K8sObject, namespace: string): StartedSecret[] {
  if (!isWorkload(o.kind)) return [];
  const spec = podTemplate(o.kind, o.body).spec;
  if (!isRecord(spec)) return [];
  return [...records(spec.initContainers), ...records(spec.containers)].flatMap((c) => [
    ...argoRedisPassword(c, namespace),
    ...metallbMemberlist(c, namespace),
  ]);
}

/**
 * What `snapshot --record` keeps of a container for this: the words of its command line that make such a Secret and
 * the flags naming it and its namespace; nothing of any other command line (MetalLB's variables are kept as env is).
 */
export function startedCommand(c: unknown): { args?: string[] } {
  if (!isRecord(c)) return {};
  const line = words(c);
  const argo = runsRedisInitialPassword(line);
  const secret = flag(line, ['--ml-secret-name']);
  if (!argo && secret === undefined) return {};
  const namespace = flag(line, NAMESPACE_FLAGS);
  return {
    args: [
      ...(argo ? ['admin', 'redis-initial-password'] : []),
      ...(secret !== undefined ? [`--ml-secret-name=${secret}`] : []),
      ...(namespace !== undefined ? [`--namespace=${namespace}`] : []),
    ],
  };
}
