import type { K8sObject } from './k8s-objects';
import { rec, str } from './shape';

const TLS_KEYS: ReadonlySet<string> = new Set(['tls.crt', 'tls.key']);

/**
 * The Secrets a CloudNativePG `Cluster` (or EDB's build of it) has its operator create, named after it: the
 * application user's (`-app`, unless the bootstrap's `secret` gives one), the superuser's (`-superuser`, with
 * `enableSuperuserAccess` and no `superuserSecret`), and the CA, server and replication certificates it makes
 * unless `certificates` names them. The users' keys (username, password, uri…) depend on its version: any.
 */
export function cnpgSecrets(o: K8sObject): Array<{ name: string; keys?: ReadonlySet<string> }> {
  const api = str(o.body.apiVersion) ?? '';
  if (!api.startsWith('postgresql.cnpg.io/') && !api.startsWith('postgresql.k8s.enterprisedb.io/')) return [];
  const spec = rec(o.body.spec);
  const certificates = rec(spec.certificates);
  const out: Array<{ name: string; keys?: ReadonlySet<string> }> = [];
  const bootstrap = rec(spec.bootstrap);
  const given = ['initdb', 'recovery', 'pg_basebackup'].some((how) => str(rec(rec(bootstrap[how]).secret).name));
  if (!given) out.push({ name: `${o.name}-app` });
  if (spec.enableSuperuserAccess === true && !str(rec(spec.superuserSecret).name)) out.push({ name: `${o.name}-superuser` });
  if (!str(certificates.serverCASecret)) out.push({ name: `${o.name}-ca`, keys: new Set(['ca.crt', 'ca.key']) });
  if (!str(certificates.serverTLSSecret)) out.push({ name: `${o.name}-server`, keys: TLS_KEYS });
  if (!str(certificates.replicationTLSSecret)) out.push({ name: `${o.name}-replication`, keys: TLS_KEYS });
  return out;
}
