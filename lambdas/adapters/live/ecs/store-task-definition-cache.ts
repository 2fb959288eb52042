import { canonicalKey } from '../../../core/keys';
import { taskDefinitionAsRead } from '../../../core/sources/ecs-read-fields';
import { rec, records, str } from '../../../core/sources/shape';
import { holdsSecretContent } from '../../../core/values/content-secrets';
import type { AuditStore } from '../../../ports/audit-store';
import type { TaskDefinitionCache } from './task-definition-cache';

// Items of the earlier kind `ecs-task-definition` held whole task definitions: never read again.
const KIND = 'ecs-task-definition-read';

/** True when no container sets a secret variable (by name or content) in plain `environment`: secrets are never stored. */
function holdsNoSecret(td: unknown, isSecretKey: (key: string) => boolean): boolean {
  return records(rec(td).containerDefinitions).every((c) =>
    records(c.environment).every((e) => {
      const key = canonicalKey(str(e.name) ?? '');
      return !isSecretKey(key) && !(typeof e.value === 'string' && holdsSecretContent(e.value, key));
    }),
  );
}

/**
 * Task definition revisions kept in the store across runs (for a while: the store gives them a
 * TTL), so a steady-state run describes none. Only the fields the parser reads are kept (see
 * taskDefinitionAsRead): never a command line, a log driver's options or a label. A revision that
 * sets a secret-looking variable in plain text is kept in memory only: the store never holds a secret.
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
    const read = taskDefinitionAsRead(taskDefinitionJson);
    this.memory.set(arn, structuredClone(read));
    if (holdsNoSecret(read, this.isSecretKey)) await this.store.putCached(KIND, arn, read);
  }
}
