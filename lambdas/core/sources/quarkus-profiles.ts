import type { Observation, ProfileDefault } from '../model';

// `%staging.db.url=…`, `%dev,test.db.url=…`: a property of those Quarkus profiles only.
const PROFILED = /^%([\w-]+(?:,[\w-]+)*)\.(.+)$/s;
// `quarkus.profile=staging` written in the file itself (the build's or the image's default).
// java.util.Properties separates a key from its value by `=`, `:` or blanks alone, and keeps the last line of a key.
const PROFILE_LINE = /^[ \t]*quarkus\.profile(?=[ \t=:])[ \t]*(?:[=:][ \t]*)?([\w-]+(?:[ \t]*,[ \t]*[\w-]+)*)[ \t]*\r?$/gm;
const PROFILE_LIST = /^[\w-]+(?:[ \t]*,[ \t]*[\w-]+)*$/;

/**
 * The Quarkus profiles a packaged application runs with: the source's `profiles:` (as QUARKUS_PROFILE says them), else
 * the `quarkus.profile` the file sets (`inFile`, as written), else `prod`, Quarkus's profile for a built application. The
 * last has priority.
 */
export function activeQuarkusProfiles(inFile: string | undefined, profiles: readonly string[] | undefined): readonly string[] {
  if (profiles?.length) return profiles;
  return (inFile !== undefined && profileList(inFile)) || PACKAGED_PROFILES;
}

/** The profile a built Quarkus application runs when nothing names another. */
export const PACKAGED_PROFILES: readonly string[] = ['prod'];

/** The profiles a written list names (`staging` or `staging, prod`, as QUARKUS_PROFILE writes them); undefined for anything else. */
export function profileList(text: string): string[] | undefined {
  const named = text.trim();
  return PROFILE_LIST.test(named) ? named.split(',').map((p) => p.trim()) : undefined;
}

/** activeQuarkusProfiles of a `.properties` text, whose `quarkus.profile` line is found in it. */
export function quarkusProfiles(text: string, profiles: readonly string[] | undefined): readonly string[] {
  return profiles?.length ? profiles : activeQuarkusProfiles(lastProfileLine(text), profiles);
}

/** The profiles a `.properties` text's own `quarkus.profile` names, or undefined where it names none. */
export function profilesSetIn(text: string): string[] | undefined {
  const line = lastProfileLine(text);
  return line === undefined ? undefined : profileList(line);
}

function lastProfileLine(text: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(PROFILE_LINE)) last = m[1];
  return last;
}

/** A `%profile.key` spelling split into its profiles and the key, or undefined for a key of every profile. */
export function splitProfiled(spelt: string): { profiles: string[]; spelt: string } | undefined {
  const m = PROFILED.exec(spelt);
  return m ? { profiles: (m[1] as string).split(','), spelt: m[2] as string } : undefined;
}

/** The priority of the highest of `profiles` among the `active` ones (the last active is the highest), -1 where none is active. */
export const profileRank = (profiles: readonly string[], active: readonly string[]): number =>
  Math.max(...profiles.map((p) => active.indexOf(p)));

/** A `%profile.key` property: the key and its priority where one of its profiles is active (the higher wins), or null where none is. */
export function profiledProperty(spelt: string, active: readonly string[]): { spelt: string; rank: number } | null | undefined {
  const split = splitProfiled(spelt);
  if (!split) return undefined;
  const rank = profileRank(split.profiles, active);
  return rank < 0 ? null : { spelt: split.spelt, rank };
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

/** Of `%profile.` observations, the one of the highest active profile for each key (see withProfileOverrides). */
export function activeProfiled(
  candidates: readonly { profiles: readonly string[]; obs: Observation }[],
  active: readonly string[],
): Map<string, { obs: Observation; rank: number }> {
  const chosen = new Map<string, { obs: Observation; rank: number }>();
  for (const { profiles, obs } of candidates) {
    const rank = profileRank(profiles, active);
    if (rank >= 0 && (chosen.get(obs.key)?.rank ?? -1) <= rank) chosen.set(obs.key, { obs, rank });
  }
  return chosen;
}

/** A file read with Quarkus's default profiles (see ProfileDefault). */
export const quarkusDefault = (file: string, profiles: readonly string[]): ProfileDefault => ({ file, key: 'quarkus.profile', profiles });
