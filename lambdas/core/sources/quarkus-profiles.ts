import type { Observation } from '../model';

// `%staging.db.url=…`, `%dev,test.db.url=…`: a property of those Quarkus profiles only.
const PROFILED = /^%([\w-]+(?:,[\w-]+)*)\.(.+)$/s;
// `quarkus.profile=staging` written in the file itself (the build's or the image's default).
const PROFILE_LINE = /^[ \t]*quarkus\.profile[ \t]*[=:][ \t]*([\w-]+(?:[ \t]*,[ \t]*[\w-]+)*)[ \t]*\r?$/m;

/**
 * The Quarkus profiles a packaged application runs with: the source's `profiles:` (as QUARKUS_PROFILE says them), else a
 * `quarkus.profile` the file sets, else `prod`, Quarkus's profile for a built application. The last has priority.
 */
export function quarkusProfiles(text: string, profiles: readonly string[] | undefined): readonly string[] {
  if (profiles?.length) return profiles;
  const inFile = PROFILE_LINE.exec(text)?.[1];
  return inFile ? inFile.split(',').map((p) => p.trim()) : ['prod'];
}

/** A `%profile.key` property: the key and its priority where one of its profiles is active (the higher wins), or null where none is. */
export function profiledProperty(spelt: string, active: readonly string[]): { spelt: string; rank: number } | null | undefined {
  const m = PROFILED.exec(spelt);
  if (!m) return undefined;
  const rank = Math.max(...(m[1] as string).split(',').map((p) => active.indexOf(p)));
  return rank < 0 ? null : { spelt: m[2] as string, rank };
}

/**
 * Observations with each active profile's properties in place of the key's plain ones, as Quarkus looks `%prod.db.url`
 * up before `db.url` wherever either is written: an override the profile is for, so the plain value is no hidden layer.
 */
export function withProfileOverrides(
  observations: Observation[],
  profiled: ReadonlyMap<string, { obs: Observation; rank: number }>,
): Observation[] {
  if (profiled.size === 0) return observations;
  const out = observations.filter((o) => !profiled.has(o.key));
  for (const { obs } of profiled.values()) out.push(obs);
  return out;
}
