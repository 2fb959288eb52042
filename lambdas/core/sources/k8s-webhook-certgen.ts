import { flag, words } from './k8s-command-line';
import { podTemplate, type K8sObject } from './k8s-objects';
import { isRecord, rec, records, str, type Rec } from './shape';

/**
 * kube-webhook-certgen, the admission webhooks' certificate maker (ingress-nginx's static manifests, the
 * kube-prometheus-stack and other charts): a Job running its `create` writes a CA, a certificate and its key
 * into the Secret `--secret-name` names, which the webhook's Deployment mounts.
 */
const CERTGEN_IMAGE = /(^|\/)kube-webhook-certgen([:@]|$)/;

/** The flags its `create` reads, as `--flag=value` or `--flag value`; each names an object or a key, none a value. */
const FLAGS = ['--secret-name', '--namespace', '--cert-name', '--key-name', '--ca-name'] as const;
type Flag = (typeof FLAGS)[number];

function flagValues(line: string[]): Partial<Record<Flag, string>> {
  const out: Partial<Record<Flag, string>> = {};
  for (const f of FLAGS) {
    const value = flag(line, [f]);
    if (value !== undefined) out[f] = value;
  }
  return out;
}

const isCreate = (c: Rec): boolean => CERTGEN_IMAGE.test(str(c.image) ?? '') && words(c).includes('create');

/** The Secrets a Job's kube-webhook-certgen `create` containers make in `namespace`, each with the keys it writes. */
export function certgenSecrets(o: K8sObject, namespace: string): Array<{ name: string; keys: ReadonlySet<string> }> {
  if (o.kind !== 'Job') return [];
  return records(rec(podTemplate('Job', o.body).spec).containers).flatMap((c) => {
    if (!isCreate(c)) return [];
    const flags = flagValues(words(c));
    const name = flags['--secret-name'];
    const into = flags['--namespace'];
    // `$(POD_NAMESPACE)` (as the manifests write it) or no flag: the Job's own namespace, where it is read.
    if (!name || (into !== undefined && !into.includes('$(') && into !== namespace)) return [];
    return [{ name, keys: new Set([flags['--ca-name'] ?? 'ca', flags['--cert-name'] ?? 'cert', flags['--key-name'] ?? 'key']) }];
  });
}

/**
 * What `snapshot --record` keeps of a container for this: its image and the `create` flags above when it runs
 * kube-webhook-certgen's `create`; nothing of any other container's command line.
 */
export function certgenCommand(c: unknown): { image?: string; args?: string[] } {
  if (!isRecord(c) || !isCreate(c)) return {};
  const flags = Object.entries(flagValues(words(c))).map(([f, v]) => `${f}=${v}`);
  return { ...(str(c.image) ? { image: str(c.image) } : {}), args: ['create', ...flags] };
}
