import type { EnvironmentSnapshot, Observation, ProfileDefault, SourceSnapshot } from '../model';
import { profileList } from '../sources/quarkus-profiles';

/** The variable that names the profiles a Quarkus process runs, as its environment spells it. */
const PROFILE_VARIABLE = 'QUARKUS_PROFILE';

/**
 * The last QUARKUS_PROFILE of `key` in a source other than `self` (sources in precedence order): what the environment
 * sets it to. Only the variable counts: a `quarkus.profile` line of another file is another application's setting.
 */
function setElsewhere(sources: readonly SourceSnapshot[], self: SourceSnapshot, key: string): Observation | undefined {
  let found: Observation | undefined;
  for (const s of sources) if (s !== self) for (const o of s.observations) if (o.key === key && o.rawKey === PROFILE_VARIABLE) found = o;
  return found;
}

/** Why a file read with its default profile disagrees with the profile the environment runs, or undefined where it agrees. */
function disagreement(d: ProfileDefault, set: Observation): string | undefined {
  // Anything but a list of profiles is not judged.
  const running = set.value.kind === 'text' ? profileList(set.value.text) : undefined;
  if (running === undefined) return undefined;
  if (running.join(',') === d.profiles.join(',')) return undefined;
  return (
    `${d.file}: read with the Quarkus profile ${d.profiles.join(',')} (the source gives no profiles:), but ${set.rawKey} ` +
    `is ${running.join(',')} in this environment (${set.origin.source.label}): give the source \`profiles: [${running.join(', ')}]\``
  );
}

/**
 * An environment's snapshot where each source that read a file with its framework's default profile (it names no
 * `profiles:`), while another source of the environment sets the profile the application runs otherwise
 * (QUARKUS_PROFILE in the task's environment), says so among its errors: what it holds is another profile's.
 * The profile is not applied: which profile a file is read with is the source's, and says where its values come from.
 */
export function withProfileDisagreements(snapshot: EnvironmentSnapshot): EnvironmentSnapshot {
  if (!snapshot.sources.some((s) => s.profileDefaults?.length)) return snapshot;
  const sources = snapshot.sources.map((s) => {
    const said: string[] = [];
    for (const d of s.profileDefaults ?? []) {
      const set = setElsewhere(snapshot.sources, s, d.key);
      const why = set && disagreement(d, set);
      if (why) said.push(why);
    }
    return said.length ? { ...s, errors: [...s.errors, ...said] } : s;
  });
  return { ...snapshot, sources };
}
