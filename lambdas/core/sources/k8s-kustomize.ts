import { describeObject, type K8sObject } from './k8s-objects';
import { records, str } from './shape';

/** The kind the parser gives a kustomization file's document, which need not say one: its name is its file. */
export const KUSTOMIZATION_KIND = 'Kustomization';

/** What to point `from:` at when drift meets what only kustomize makes of the manifests. */
export const RENDER_FIRST = 'point from: at the output of kustomize build (or kubectl kustomize) for this environment';

const GENERATORS = { ConfigMap: 'configMapGenerator', Secret: 'secretGenerator' } as const;

/**
 * Why a ConfigMap or Secret the workload reads is not among the objects, when a kustomization read
 * beside them generates it: kustomize is not rendered, so its values are unknown here, not missing.
 */
function notRendered(objects: K8sObject[], kind: 'ConfigMap' | 'Secret', name: string, namespace: string): string | undefined {
  const field = GENERATORS[kind];
  for (const o of objects) {
    if (o.kind !== KUSTOMIZATION_KIND) continue;
    const ns = str(o.body.namespace) ?? namespace;
    const makes = records(o.body[field]).some((g) => str(g.name) === name && (str(g.namespace) ?? ns) === namespace);
    if (makes)
      return `${o.file}: ${describeObject(kind, namespace, name)} is made by its ${field}, which drift does not render: ${RENDER_FIRST}`;
  }
  return undefined;
}

/** Whether a kustomization read beside the objects generates the object (notRendered): said once in `errors`. */
export function generatedNotRendered(
  objects: K8sObject[],
  kind: 'ConfigMap' | 'Secret',
  name: string,
  namespace: string,
  errors: string[],
): boolean {
  const why = notRendered(objects, kind, name, namespace);
  if (why !== undefined && !errors.includes(why)) errors.push(why);
  return why !== undefined;
}
