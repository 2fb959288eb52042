/**
 * The keys of one audit, numbered in the order they are first seen. Every environment's effective
 * configuration is a row over them, so environments are compared column by column, by position,
 * with no hashing: a million observations are a hundred thousand columns of ten cells. The interner
 * that reads the run's sources numbers its keys in the same space (Observation.keyId), so the audit
 * finds a key's column from its observation without hashing the key.
 */
export class KeySpace {
  private readonly ids = new Map<string, number>();
  /** The key of each id. */
  private readonly names: string[] = [];

  /** The id of `key`, numbering it if it is new. */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
    }
    return id;
  }

  /** The id of `key`, if any row has it. */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** The key numbered `id`. */
  keyAt(id: number): string {
    return this.names[id] as string;
  }

  get size(): number {
    return this.names.length;
  }
}
