import type { Node } from 'yaml';
import { isSeq } from '../../core/on-demand/yaml-package';
import { canonicalKey } from '../../core/keys';
import { entry, lineAt, scalarOf, type Step, type YamlLines } from './yaml-lines';

/** A Kubernetes object of a manifest file, as a node with positions. */
interface ManifestObject {
  kind: string;
  name: string;
  namespace?: string;
  node: unknown;
}

/** The objects of one document; `kind: List` and typed lists (`ConfigMapList`) become their items. */
function objectsOf(node: unknown, out: ManifestObject[], listKind?: string): void {
  const kind = scalarOf(entry(node, 'kind')?.value) ?? listKind;
  const items = entry(node, 'items')?.value;
  if (kind?.endsWith('List') && isSeq(items)) {
    for (const item of items.items) objectsOf(item, out, kind === 'List' ? undefined : kind.slice(0, -'List'.length));
    return;
  }
  const meta = entry(node, 'metadata')?.value;
  const name = scalarOf(entry(meta, 'name')?.value);
  const namespace = scalarOf(entry(meta, 'namespace')?.value);
  if (kind && name) out.push({ kind, name, node, ...(namespace ? { namespace } : {}) });
}

/** An object a location names, and where in it the value is: paths best first, else the object itself. */
interface Target {
  kind: string;
  namespace: string;
  name: string;
  paths: Step[][];
}

const container = (name: string): Step[] => ['spec', 'template', 'spec', 'containers', { name }];
const dataPaths = (key: string): Step[][] => [
  ['data', key],
  ['stringData', key],
  ['binaryData', key],
];

/** The env entry of a container whose name canonicalises to `key`: a dangling reference names only the key. */
function envPathsFor(node: unknown, c: string, key: string): Step[][] {
  const containers = entry(entry(entry(entry(node, 'spec')?.value, 'template')?.value, 'spec')?.value, 'containers')?.value;
  const chosen = isSeq(containers) ? [...containers.items].reverse().find((i) => scalarOf(entry(i, 'name')?.value) === c) : undefined;
  const env = entry(chosen, 'env')?.value;
  if (!isSeq(env)) return [];
  const names = env.items.map((i) => scalarOf(entry(i, 'name')?.value));
  const name = [...names].reverse().find((n) => n !== undefined && canonicalKey(n) === key);
  return name !== undefined ? [[...container(c), 'env', { name }]] : [];
}

/**
 * Reads the locations the Kubernetes parser writes (lambdas/core/sources/k8s-*.ts):
 * `ConfigMap ns/cm KEY (envFrom…)`, `Deployment ns/app container c env NAME (Secret ns/s key k)`,
 * `Deployment ns/app container c resources.limits.cpu`, `Deployment ns/app spec.replicas`,
 * `no HorizontalPodAutoscaler targets Deployment ns/app`, and a bare container (a dangling reference).
 */
function targetsOf(location: string): Array<Target & { bareContainer?: string }> {
  const m = /^(?:no \S+ targets )?([A-Za-z]+) ([^/\s]+)\/(\S+)(?: (.*))?$/.exec(location);
  if (!m) return [];
  const [kind, namespace, name, rest = ''] = m.slice(1) as [string, string, string, string | undefined];
  const object = (paths: Step[][]): Target => ({ kind, namespace, name, paths });
  const inContainer = /^container (\S+)(?: (.*))?$/.exec(rest);
  if (inContainer) {
    const [c, what = ''] = inContainer.slice(1) as [string, string | undefined];
    const env = /^env (.+?)(?: \((.*)\))?$/.exec(what);
    if (env) {
      const entryPath = [...container(c), 'env', { name: env[1]! }];
      const ref = env[2] ? /^(ConfigMap|Secret) ([^/\s]+)\/(\S+) key (.+)$/.exec(env[2]) : null;
      // The value lives in the ConfigMap or Secret; the env entry only points at it.
      return ref
        ? [{ kind: ref[1]!, namespace: ref[2]!, name: ref[3]!, paths: dataPaths(ref[4]!) }, object([entryPath])]
        : [object([entryPath])];
    }
    const resources = /^resources\.(\S+)/.exec(what);
    if (resources) return [object([[...container(c), 'resources', ...resources[1]!.split('.')], container(c)])];
    return [{ ...object([container(c)]), bareContainer: c }];
  }
  if (rest.startsWith('spec.')) return [object([rest.split('.')])];
  const fromEnv = /^(.+?) \(envFrom.*\)$/.exec(rest);
  return [object(fromEnv ? dataPaths(fromEnv[1]!) : [])];
}

/**
 * The line that sets a value a `k8s` source read, from the location it recorded: in the object
 * it names (the last of that name, as `kubectl apply` keeps it), else the object's first line.
 */
export function manifestLine(y: YamlLines, location: string, key: string | undefined): number | undefined {
  const objects: ManifestObject[] = [];
  for (const root of y.roots) objectsOf(root, objects);
  for (const t of targetsOf(location)) {
    const o = [...objects]
      .reverse()
      .find((x) => x.kind === t.kind && x.name === t.name && (x.namespace === undefined || x.namespace === t.namespace));
    if (!o) continue;
    const paths = t.bareContainer !== undefined && key !== undefined ? [...envPathsFor(o.node, t.bareContainer, key), ...t.paths] : t.paths;
    for (const p of paths) {
      const line = lineAt(y, o.node, p);
      if (line !== undefined) return line;
    }
    return y.lineOf(o.node as Node);
  }
  return undefined;
}
