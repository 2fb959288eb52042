/** The bucket as the seeding sees it: keys below `estates/` (and `seed/`), without the prefix. */
export interface SeedStore {
  /** Every key under `estates/`. */
  estateKeys(): Promise<string[]>;
  /** An object under `estates/`: the hash of its bytes and its `drift-source-time`, if stamped. */
  estate(key: string): Promise<{ sha256: string; sourceTime?: string }>;
  /** A deploy's staged copy, `seed/{sha256}`: its bytes and their hash (undefined when absent). */
  staged(sha256: string): Promise<{ body: Buffer; sha256: string } | undefined>;
  /** Writes an object under `estates/`, stamped with its source time. */
  writeEstate(key: string, body: Buffer, sourceTime: string): Promise<void>;
  /** Removes an object from `estates/` (its versions stay in the versioned bucket). */
  removeEstate(key: string): Promise<void>;
}
