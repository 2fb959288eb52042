import type { Fingerprinter } from '../../../core/fingerprint';
import { canonicalKey } from '../../../core/keys';
import type { Observation } from '../../../core/model';
import { taskDefinitionAsRead } from '../../../core/sources/ecs-read-fields';
import { hiddenText } from '../../../core/engine/secret-key-names';
import { rec, records, str, type Rec } from '../../../core/sources/shape';
import type { AuditStore } from '../../../ports/audit-store';
import type { PreviousObservations, TaskDefinitionCache } from './task-definition-cache';

// Earlier kinds held plain values (`ecs-task-definition`, `ecs-task-definition-read`): never read again.
const KIND = 'ecs-task-definition-sealed';

/** A revision as the store keeps it: every plain `environment` value replaced by its keyed fingerprint. */
interface SealedRevision {
  keyId: string;
  taskDefinition: Rec;
}

/** Per fingerprint key: after a rotation a revision is sealed again under the new one (a cache entry is written once). */
const cacheKey = (fp: Fingerprinter, arn: string): string => `${fp.keyId} ${arn}`;

const environments = (td: Rec): Rec[] => records(td.containerDefinitions).flatMap((c) => records(c.environment));
const secrets = (td: Rec): Rec[] => records(td.containerDefinitions).flatMap((c) => records(c.secrets));

/**
 * The revision's containers with their values to restore: all of them, or, given the one the source
 * reads, that one only, the others left without `environment`: the source never reads a sidecar's
 * variables, and its previous snapshot does not hold them.
 */
function restorable(td: Rec, container: string | undefined): Rec[] {
  if (container === undefined) return environments(td);
  const all = records(td.containerDefinitions);
  for (const c of all) if (c.name !== container) delete c.environment;
  return all.filter((c) => c.name === container).flatMap((c) => records(c.environment));
}

/**
 * The revision with each plain value's fingerprint in its place: the store never holds a value. A
 * name holding a credential (a variable's, a secret's, a parameter's in valueFrom) is kept as every
 * snapshot spells it (hiddenText); a variable's value is then a secret,
 * so such a revision is described again, as one with any secret value is.
 */
function seal(td: Rec, fp: Fingerprinter): SealedRevision {
  const sealed = structuredClone(td);
  for (const e of environments(sealed)) {
    if (typeof e.value === 'string') e.value = fp.fingerprint(e.value);
    if (typeof e.name === 'string') e.name = hiddenText(e.name, fp);
  }
  // A secret's name and the parameter its valueFrom names are names too, spelt as the snapshots spell them.
  for (const e of secrets(sealed)) {
    if (typeof e.name === 'string') e.name = hiddenText(e.name, fp);
    if (typeof e.valueFrom === 'string') e.valueFrom = hiddenText(e.valueFrom, fp);
  }
  return { keyId: fp.keyId, taskDefinition: sealed };
}

/**
 * The revision with its values again, each the text the source's previous snapshot holds under its
 * key whose fingerprint is the sealed one (a revision never changes: it is the value it had then);
 * undefined when any is not there as plain text (a secret, a first run, another key rotation).
 */
function unseal(sealed: SealedRevision, fp: Fingerprinter, previous: readonly Observation[], container?: string): Rec | undefined {
  if (sealed.keyId !== fp.keyId) return undefined;
  const texts = new Map<string, string[]>();
  for (const o of previous) if (o.value.kind === 'text') texts.set(o.key, [...(texts.get(o.key) ?? []), o.value.text]);
  const td = structuredClone(sealed.taskDefinition);
  for (const e of restorable(td, container)) {
    if (typeof e.value !== 'string') continue;
    const text = texts.get(canonicalKey(str(e.name) ?? ''))?.find((t) => fp.fingerprint(t) === e.value);
    if (text === undefined) return undefined;
    e.value = text;
  }
  return td;
}

/**
 * Task definition revisions kept in the store across runs (for a while: the store gives them a
 * TTL), so a steady-state run describes none (spec: immutable things are cached). Only the fields
 * the parser reads are kept (see taskDefinitionAsRead), and of `environment` only each value's
 * keyed fingerprint: whether a plain value is secret is not the writer's to say (another estate
 * reading the revision may declare the key `secret: true`, another source of the environment may
 * hold it as a SecureString). A run reads the values back from its source's previous snapshot,
 * where its own estate's policy stored them; where that holds them not as text, it describes again.
 */
export class StoreTaskDefinitionCache implements TaskDefinitionCache {
  private readonly memory = new Map<string, unknown>();

  constructor(
    private readonly store: AuditStore,
    private readonly fingerprinter: () => Promise<Fingerprinter>,
  ) {}

  async get(arn: string, previous?: PreviousObservations, container?: string): Promise<unknown | undefined> {
    if (this.memory.has(arn)) return structuredClone(this.memory.get(arn));
    const fp = await this.fingerprinter();
    const sealed = (await this.store.getCached(KIND, cacheKey(fp, arn))) as SealedRevision | undefined;
    if (!sealed?.taskDefinition) return undefined;
    const before = previous ? await previous() : undefined;
    return before ? unseal(sealed, fp, before, container) : undefined;
  }

  async put(arn: string, taskDefinitionJson: unknown): Promise<void> {
    const read = rec(taskDefinitionAsRead(taskDefinitionJson));
    this.memory.set(arn, structuredClone(read));
    const fp = await this.fingerprinter();
    await this.store.putCached(KIND, cacheKey(fp, arn), seal(read, fp));
  }
}
