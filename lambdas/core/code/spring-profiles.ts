import type { EffectiveConfig } from '../engine/effective-config';
import { PACKAGED_PROFILES, profileList as quarkusProfileList } from '../sources/quarkus-profiles';
import type { CodeRead } from './code-read';
import { profileList, profileMatcher } from './spring-profile-expression';

// The environment's own word on which profiles Spring Boot runs (SPRING_PROFILES_ACTIVE, …_INCLUDE) or Quarkus does
// (QUARKUS_PROFILE, which also chooses application-{profile}.properties).
const QUARKUS_PROFILE_KEY = 'quarkus.profile';
const PROFILE_KEYS = ['spring.profiles.active', 'spring.profiles.include', QUARKUS_PROFILE_KEY];

/** The profiles an environment runs, by framework; undefined where it cannot be told, and every read counts. */
export interface ActiveProfiles {
  /**
   * For a profile's file or document: as the environment sets them (`prod, mongo`); undefined when it does not say
   * (application.yml may activate some).
   */
  readonly documents: ReadonlySet<string> | undefined;
  /**
   * For a Quarkus profile's setting (`%staging.`): QUARKUS_PROFILE's; `unset` where nothing sets it, and the application
   * runs its default. Spring's variables are not Quarkus's: one service's SPRING_PROFILES_ACTIVE says nothing of another's.
   */
  readonly quarkus: ReadonlySet<string> | 'unset' | undefined;
}

/** The profiles an environment activates, as it sets them (or says them as a secret: then undefined). */
export function activeProfiles(config: EffectiveConfig): ActiveProfiles {
  return { documents: documentProfiles(config), quarkus: quarkusProfiles(config) };
}

function documentProfiles(config: EffectiveConfig): Set<string> | undefined {
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

function quarkusProfiles(config: EffectiveConfig): Set<string> | 'unset' | undefined {
  const value = config.entries.get(QUARKUS_PROFILE_KEY)?.value;
  if (value === undefined) return 'unset';
  const named = value.kind === 'text' ? quarkusProfileList(value.text) : undefined;
  return named ? new Set(named) : undefined;
}

/**
 * Whether a read happens in an environment: a read in a profile's own file (`application-mongo.yml`), or in a document
 * loaded for a list or expression of profiles (`prod, eu`, `!prod`, `prod & eu`), or in a Quarkus profile's setting
 * (`%staging.`), only where the active profiles of its framework match.
 */
export function readIn(read: CodeRead, active: ActiveProfiles): boolean {
  const quarkus = active.quarkus === 'unset' ? new Set(read.quarkusDefault ?? PACKAGED_PROFILES) : active.quarkus;
  return matches(read.profile, active.documents) && matches(read.quarkusProfile, quarkus);
}

const matches = (expression: string | undefined, profiles: ReadonlySet<string> | undefined): boolean =>
  expression === undefined || profiles === undefined || (profileMatcher(expression)?.(profiles) ?? true);
