import { planSeeding, type SeededFile, type SeedPlan } from '../core/seeding/seed-plan';
import type { SeedStore } from '../ports/seed-store';

export interface SeedEstatesOptions {
  estateFile: string;
  alwaysKept: readonly string[];
}

/**
 * A deploy's seeding of `estates/`: plans against the bucket as it is (planSeeding), then writes,
 * each estate file after the files it names (as `drift publish` does), then removes.
 */
export async function seedEstates(files: readonly SeededFile[], store: SeedStore, opts: SeedEstatesOptions): Promise<SeedPlan> {
  const seeded = new Set(files.map((f) => f.key));
  const keys = await store.estateKeys();
  const bucket = await Promise.all(keys.map(async (key) => (seeded.has(key) ? { key, ...(await store.estate(key)) } : { key })));
  const plan = planSeeding(files, bucket, opts);
  const byKey = new Map(files.map((f) => [f.key, f]));
  const estateFileLast = [...plan.write].sort(
    (a, b) => Number(a.endsWith(`/${opts.estateFile}`)) - Number(b.endsWith(`/${opts.estateFile}`)),
  );
  // Every staged file is checked before any is written: bytes other than the deploy's are not to be published.
  const staged = [];
  for (const key of estateFileLast) {
    const { sha256 } = byKey.get(key)!;
    const copy = await store.staged(sha256);
    if (copy?.sha256 !== sha256)
      throw new Error(`seed/${sha256} (${key}) is ${copy ? 'not the file this deploy brings' : 'not staged'}: nothing was written`);
    staged.push({ key, body: copy.body });
  }
  for (const { key, body } of staged) await store.writeEstate(key, body, byKey.get(key)!.sourceTime);
  for (const key of plan.remove) await store.removeEstate(key);
  return plan;
}
