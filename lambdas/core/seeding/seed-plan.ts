/** A file a deploy brings for `estates/`: its key below that prefix, the SHA-256 of its bytes, its source time (ISO 8601). */
export interface SeededFile {
  key: string;
  sha256: string;
  sourceTime: string;
}

/** An object `estates/` holds: its key below the prefix; its hash and stamp where they were read (the seeded keys). */
export interface EstateObject {
  key: string;
  sha256?: string;
  sourceTime?: string;
}

/** A published object the deploy left alone because it was stamped later than the deploy's file. */
export interface KeptNewer {
  key: string;
  published: string;
  deployed: string;
}

/** What a deploy does under `estates/`, each list sorted. */
export interface SeedPlan {
  /** Seeded files to write: absent, or holding other text stamped no later (or not at all). */
  write: string[];
  /** Seeded files the bucket holds already, byte for byte: not written again. */
  unchanged: string[];
  /** Seeded files whose object was published from a newer source: left as they are. */
  keptNewer: KeptNewer[];
  /** Objects to remove: of estates the deploy no longer has, or files a deployed estate no longer has. */
  remove: string[];
}

export interface SeedPlanOptions {
  /** The name of every estate file in its estate's folder. */
  estateFile: string;
  /** File names never removed (the code scans only `drift publish` writes). */
  alwaysKept: readonly string[];
}

const estateOf = (key: string): string => key.slice(0, key.indexOf('/'));
const fileNameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The stamp is later than the deploy's file: a publish of a newer commit (an unstamped object never is). */
const publishedLater = (current: EstateObject, seeded: SeededFile): boolean =>
  current.sourceTime !== undefined && Date.parse(current.sourceTime) > Date.parse(seeded.sourceTime);

/**
 * Plans a deploy's seeding of `estates/` from the bucket as it is: a seeded file is written unless
 * the bucket holds the same bytes or a newer published version; the estates are exactly the deployed
 * ones. A deployed estate's folder is left whole where its estate file was kept as newer: that
 * estate file may name files the deploy does not know.
 */
export function planSeeding(seeds: readonly SeededFile[], bucket: readonly EstateObject[], opts: SeedPlanOptions): SeedPlan {
  const current = new Map(bucket.map((o) => [o.key, o]));
  const plan: SeedPlan = { write: [], unchanged: [], keptNewer: [], remove: [] };
  for (const seeded of seeds) {
    const object = current.get(seeded.key);
    if (!object) plan.write.push(seeded.key);
    else if (object.sha256 === seeded.sha256) plan.unchanged.push(seeded.key);
    else if (publishedLater(object, seeded))
      plan.keptNewer.push({ key: seeded.key, published: object.sourceTime!, deployed: seeded.sourceTime });
    else plan.write.push(seeded.key);
  }
  const seededKeys = new Set(seeds.map((s) => s.key));
  const heldBack = new Set(
    plan.keptNewer
      .filter((k) => fileNameOf(k.key) === opts.estateFile && k.key.indexOf('/') === k.key.lastIndexOf('/'))
      .map((k) => estateOf(k.key)),
  );
  for (const { key } of bucket) {
    if (seededKeys.has(key) || opts.alwaysKept.includes(fileNameOf(key))) continue;
    const estate = estateOf(key);
    if (heldBack.has(estate)) continue;
    plan.remove.push(key);
  }
  plan.write.sort(byText);
  plan.unchanged.sort(byText);
  plan.keptNewer.sort((a, b) => byText(a.key, b.key));
  plan.remove.sort(byText);
  return plan;
}
