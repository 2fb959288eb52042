import type { EffectiveConfig } from '../engine/effective-config';
import type { CodeRead } from './code-read';
import { profileList, profileMatcher } from './spring-profile-expression';

// The environment's own word on which profiles Spring Boot runs (SPRING_PROFILES_ACTIVE, …_INCLUDE), or Quarkus (QUARKUS_PROFILE).
const PROFILE_KEYS = ['spring.profiles.active', 'spring.profiles.include', 'quarkus.profile'];

/**
 * The profiles an environment activates, as it sets them (`prod, mongo`). Undefined when it does not say (or says it
 * as a secret): the application's own application.yml may activate some, so every read counts.
 */
export function activeProfiles(config: EffectiveConfig): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const key of PROFILE_KEYS) {
    const value = config.entries.get(key)?.value;
    if (value === undefined) continue;
    if (value.kind !== 'text') return undefined;
    out ??= new Set();
    for (const p of profileList(value.text)) out.add(p);
  }
  return out;
}

/**
 * Whether a read happens in an environment: a read in a profile's own file (`application-mongo.yml`), or in a document
 * loaded for a list or expression of profiles (`prod, eu`, `!prod`, `prod & eu`), only where the active profiles match.
 */
export function readIn(read: CodeRead, profiles: ReadonlySet<string> | undefined): boolean {
  if (read.profile === undefined || profiles === undefined) return true;
  return profileMatcher(read.profile)?.(profiles) ?? true;
}
