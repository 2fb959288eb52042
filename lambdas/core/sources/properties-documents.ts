import { profileMatcher } from '../code/spring-profile-expression';
import { NOT_A_PROFILE_EXPRESSION, springActiveProfiles } from './spring-documents';
import { SourceInputError } from './errors';

/** `#---` or `!---` alone on a line: where Spring Boot (2.4+) starts another document of a `.properties` file. */
const SEPARATOR = /^[#!]---[ \t]*$/;
/** A separator line anywhere: most files have none, and are read as they are without being split. */
const ANY_SEPARATOR = /^[#!]---[ \t]*\r?$/m;
/** A document's activation, as a `.properties` line writes it (`=`, `:` or blanks between name and value). */
const ON_PROFILE = /^[ \t]*spring\.config\.activate\.on-profile(?:[ \t]*[=:][ \t]*|[ \t]+)(?![ \t])(.*)$/;
const ON_CLOUD = /^[ \t]*spring\.config\.activate\.on-cloud-platform(?:[ \t]*[=:]|[ \t]+)/;
/** `spring.profiles.active=dev`, `spring.profiles.include=…`, `spring.profiles.group.dev=api-docs,metrics`. */
const PROFILE_SETTING = /^[ \t]*spring\.profiles\.(active|include|group)(?:\.([\w.+-]+))?(?:[ \t]*[=:][ \t]*|[ \t]+)(?![ \t])(.*)$/;
const LEGACY_PROFILES = /^[ \t]*spring\.profiles(?:[ \t]*[=:][ \t]*|[ \t]+)(?![ \t])(.*)$/;

/**
 * A Spring `.properties` file's text as Spring Boot reads its documents with the profiles active (see
 * springActiveProfiles: the deployment's `profiles`, else what the documents every profile reads activate): a
 * document activated by `spring.config.activate.on-profile` (or Boot 2.3's `spring.profiles`) for profiles
 * not active, or by `on-cloud-platform` (a file cannot say where it runs), is blanked, and so is every
 * activation line, which no application reads; the lines keep their numbers. Later documents then win as
 * later lines of a dotenv file do. A text without a separator line is returned as it is.
 */
export function activeSpringProperties(text: string, file: string, profiles: readonly string[] | undefined): string {
  if (!ANY_SEPARATOR.test(text)) return text;
  // One array, read and blanked in place; a line's `\r` is left where it is and taken off only to read the line.
  const lines = text.split('\n');
  const documents: Document[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !SEPARATOR.test((lines[i] as string).replace(/\r$/, ''))) continue;
    documents.push(documentAt(lines, start, i, file));
    start = i + 1;
  }
  const active = springActiveProfiles(
    documents.map((d) => d.profileSettings),
    profiles,
  );
  for (const d of documents) {
    const applies = !d.cloudPlatform && d.matchers.every((matches) => matches(active));
    if (!applies) lines.fill('', d.from, d.to);
    else for (const i of d.activationLines) lines[i] = '';
  }
  return lines.join('\n');
}

/** One document of the file: lines [from, to), its activation, and the profile settings it writes. */
interface Document {
  from: number;
  to: number;
  matchers: Array<(active: ReadonlySet<string>) => boolean>;
  cloudPlatform: boolean;
  activationLines: number[];
  /** Its `spring.profiles.active`, `include` and `group.NAME` lines, as the nested settings Spring reads; with its activation, as springActiveProfiles asks. */
  profileSettings: Record<string, unknown>;
}

function documentAt(lines: readonly string[], from: number, to: number, file: string): Document {
  const d: Document = { from, to, matchers: [], cloudPlatform: false, activationLines: [], profileSettings: {} };
  const profilesSet: Record<string, unknown> = {};
  const groups: Record<string, unknown> = {};
  for (let i = from; i < to; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    const profile = ON_PROFILE.exec(line)?.[1] ?? LEGACY_PROFILES.exec(line)?.[1];
    if (profile !== undefined) {
      const matches = profileMatcher(profile.trim());
      if (!matches) throw new SourceInputError(`${file}: line ${i + 1}: ${NOT_A_PROFILE_EXPRESSION}`);
      d.matchers.push(matches);
      d.activationLines.push(i);
    } else if (ON_CLOUD.test(line)) {
      d.cloudPlatform = true;
      d.activationLines.push(i);
    } else {
      const setting = PROFILE_SETTING.exec(line);
      if (setting?.[1] === 'group') groups[setting[2] as string] = (setting[3] as string).trim();
      else if (setting) profilesSet[setting[1] as string] = (setting[3] as string).trim();
    }
  }
  // What springActiveProfiles reads of a document: whether it is activated, and its profile settings.
  const activation = d.matchers.length || d.cloudPlatform ? { config: { activate: { 'on-profile': 'any' } } } : {};
  d.profileSettings = { spring: { ...activation, profiles: { ...profilesSet, group: groups } } };
  return d;
}
