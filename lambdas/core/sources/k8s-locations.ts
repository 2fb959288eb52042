/**
 * Where a Kubernetes value was read, as the env reader writes it and revert reads it back: one place for
 * the format, so a change to one side cannot leave the other matching nothing.
 */

/** `ConfigMap checkout/api-config LOG_LEVEL (envFrom)`, with ` prefix P` when envFrom has one. */
export const envFromLocation = (object: string, key: string, prefix: string): string =>
  `${object} ${key} (envFrom${prefix ? ` prefix ${prefix}` : ''})`;

/** `Deployment checkout/api container api env DB_PASS (Secret checkout/db key password)`: `where` is the container's. */
export const keyRefLocation = (where: string, name: string, object: string, key: string): string =>
  `${where} env ${name} (${object} key ${key})`;

/** envFromLocation read back: kind, namespace, name, key. */
export const ENV_FROM = /^(ConfigMap|Secret) ([^/\s]+)\/(\S+) (.+) \(envFrom(?: prefix .*)?\)$/;
/** keyRefLocation read back: workload kind, namespace, name, container, variable, object kind, namespace, name, key. */
export const KEY_REF = /^(\w+) ([^/\s]+)\/(\S+) container (\S+) env (.+?) \((ConfigMap|Secret) ([^/\s]+)\/(\S+) key (.+)\)$/;
