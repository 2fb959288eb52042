import { canonicalKey } from '../../../core/keys';
import { holdsSecretContent } from '../../../core/values/content-secrets';
import type { AuditStore } from '../../../use-cases/store-port';
import type { TaskDefinitionCache } from './task-definition-cache';

const KIND = 'ecs-task-definition';

interface ContainerJson {
  environment?: Array<{ name?: string; value?: string }>;
}

/** True when no container sets a secret variable (by name or content) in plain `environment`: secrets are never stored. */
function holdsNoSecret(td: unknown, isSecretKey: (key: string) => boolean): boolean {
  const containers = (td as { containerDefinitions?: ContainerJson[] })?.containerDefinitions ?? [];
  return containers.every((c) =>
    (c.environment ?? []).every((e) => {
      const key = canonicalKey(e.name ?? '');
      return !isSecretKey(key) && !(typeof e.value === 'string' && holdsSecretContent(e.value, key));
    }),
  );
}

/**
 * Task definition revisions kept in the store across runs, so a steady-state run describes none.
 * A revision that sets a secret-looking variable in plain text is kept in memory only: the store
 * never holds a secret.
 */
export class StoreTaskDefinitionCache implements TaskDefinitionCache {
  private readonly memory = new Map<string, unknown>();

  constructor(
    private readonly store: AuditStore,
    private readonly isSecretKey: (key: string) => boolean,
  ) {}

  async get(arn: string): Promise<unknown | undefined> {
    if (this.memory.has(arn)) return structuredClone(this.memory.get(arn));
    return this.store.getCached(KIND, arn);
  }

  async put(arn: string, taskDefinitionJson: unknown): Promise<void> {
    this.memory.set(arn, structuredClone(taskDefinitionJson));
    if (holdsNoSecret(taskDefinitionJson, this.isSecretKey)) await this.store.putCached(KIND, arn, taskDefinitionJson);
  }
}
