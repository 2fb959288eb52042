import { isProfileExpression } from '../../../core/code/spring-profile-expression';
import { propertiesSettings, yamlSettings } from './config-file-settings';
import { withoutYamlComment } from './spring-config';

/** One document of a Spring configuration file: its lines (1-based, inclusive) and the profiles it is loaded for. */
export interface SpringDocument {
  readonly first: number;
  readonly last: number;
  /** Loaded only with some profiles active (`spring.config.activate.on-profile`, Boot 2.3's `spring.profiles`). */
  readonly scoped: boolean;
  /** The profiles it is loaded for, as Spring reads them: a name, a list or an expression (`prod, eu`, `!prod`, `a & b`). */
  readonly profile?: string;
}

// Where the next document starts: YAML's `---`, a .properties file's `#---` or `!---` (Spring Boot 2.4).
const YAML_SEPARATOR = /^---(?:[ \t].*)?$/;
const PROPERTIES_SEPARATOR = /^[#!]---[ \t]*$/;
const ACTIVATING = new Set(['spring.config.activate.on-profile', 'spring.profiles']);

/** What a line sets its setting to, as written after `key:` or `key=` (unquoted, without a comment). */
function valueOf(line: string, yaml: boolean): string {
  const text = yaml ? withoutYamlComment(line) : line;
  const at = yaml ? text.search(/:(?:\s|$)/) : text.search(/[=:]/);
  return (at < 0 ? '' : text.slice(at + 1))
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
}

/** The documents of a Spring configuration file (application.yml, application.properties), each with the profiles it is loaded for. */
export function springDocuments(text: string, file: string): SpringDocument[] {
  const yaml = !file.endsWith('.properties');
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const separator = yaml ? YAML_SEPARATOR : PROPERTIES_SEPARATOR;
  const documents: SpringDocument[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !separator.test(lines[i] ?? '')) continue;
    const body = lines.slice(start, i);
    const settings = yaml ? yamlSettings(body) : propertiesSettings(body);
    // `spring.profiles: mongo` activates; `spring:` `profiles:` `active: native`, which only holds other settings, does not.
    const at = settings.findIndex((s) => s !== undefined && ACTIVATING.has(s) && !settings.some((o) => o?.startsWith(`${s}.`)));
    // A YAML flow list (`[qa, dev]`) is the list Spring binds.
    const value = at < 0 ? '' : valueOf(body[at] ?? '', yaml).replace(yaml ? /^\[(.*)\]$/ : /^$/, '$1');
    documents.push({ first: start + 1, last: i, scoped: at >= 0, ...(isProfileExpression(value) && { profile: value.trim() }) });
    start = i + 1;
  }
  return documents;
}

/** The lines (1-based) of a Spring configuration file that are in a document loaded for one profile, with that profile. */
export function springProfileLines(text: string, file: string): ReadonlyMap<number, string> {
  const lines = new Map<number, string>();
  for (const d of springDocuments(text, file)) if (d.profile !== undefined) for (let n = d.first; n <= d.last; n++) lines.set(n, d.profile);
  return lines;
}

/** The text of the documents every profile loads, the others' lines left empty (line numbers kept). */
export function everyProfileText(text: string, file: string): string {
  const scoped = springDocuments(text, file).filter((d) => d.scoped);
  return text
    .split('\n')
    .map((line, i) => (scoped.some((d) => i + 1 >= d.first && i + 1 <= d.last) ? '' : line))
    .join('\n');
}
