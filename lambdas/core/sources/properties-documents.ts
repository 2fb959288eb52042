import { profileMatcher } from '../code/spring-profile-expression';
import { activeProfiles, NOT_A_PROFILE_EXPRESSION } from './spring-documents';
import { SourceInputError } from './errors';

/** `#---` or `!---` alone on a line: where Spring Boot (2.4+) starts another document of a `.properties` file. */
const SEPARATOR = /^[#!]---[ \t]*$/;
/** A separator line anywhere: most files have none, and are read as they are without being split. */
const ANY_SEPARATOR = /^[#!]---[ \t]*\r?$/m;
/** A document's activation, as a `.properties` line writes it (`=`, `:` or blanks between name and value). */
const ON_PROFILE = /^[ \t]*spring\.config\.activate\.on-profile(?:[ \t]*[=:][ \t]*|[ \t]+)(.*)$/;
const ON_CLOUD = /^[ \t]*spring\.config\.activate\.on-cloud-platform(?:[ \t]*[=:]|[ \t]+)/;
const LEGACY_PROFILES = /^[ \t]*spring\.profiles(?:[ \t]*[=:][ \t]*|[ \t]+)(.*)$/;

/**
 * A Spring `.properties` file's text as Spring Boot reads its documents with `profiles` active: a
 * document activated by `spring.config.activate.on-profile` (or Boot 2.3's `spring.profiles`) for
 * profiles not active, or by `on-cloud-platform` (a file cannot say where it runs), is blanked, and
 * so is every activation line, which no application reads; the lines keep their numbers. Later
 * documents then win as later lines of a dotenv file do. A text without a separator line is returned as it is.
 */
export function activeSpringProperties(text: string, file: string, profiles: readonly string[] | undefined): string {
  if (!ANY_SEPARATOR.test(text)) return text;
  const lines = text.split('\n');
  const active = activeProfiles(profiles);
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !SEPARATOR.test((lines[i] as string).replace(/\r$/, ''))) continue;
    if (!documentApplies(lines, start, i, active, file)) lines.fill('', start, i);
    start = i + 1;
  }
  return lines.join('\n');
}

/** Whether the document of lines [from, to) is read; its activation lines are blanked either way. */
function documentApplies(lines: string[], from: number, to: number, active: ReadonlySet<string>, file: string): boolean {
  let applies = true;
  for (let i = from; i < to; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    const profile = ON_PROFILE.exec(line)?.[1] ?? LEGACY_PROFILES.exec(line)?.[1];
    if (profile !== undefined) {
      const matches = profileMatcher(profile.trim());
      if (!matches) throw new SourceInputError(`${file}: line ${i + 1}: ${NOT_A_PROFILE_EXPRESSION}`);
      applies &&= matches(active);
      lines[i] = '';
    } else if (ON_CLOUD.test(line)) {
      applies = false;
      lines[i] = '';
    }
  }
  return applies;
}
