import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey } from '../../../core/keys';
import { parseYaml } from '../../../core/sources/config-file';
import { flatten } from '../../../core/sources/flatten';
import { placeholders } from './java-spring';
import { everyProfileText, springDocuments } from './spring-documents';

// The files every profile loads: application.yml, bootstrap.properties (not application-prod.yml, loaded for one profile only),
// and MicroProfile Config's own (Helidon, Open Liberty).
const BASE_FILE = /(?:^|\/)(?:application|bootstrap)\.(?:ya?ml|properties)$|(?:^|\/)META-INF\/microprofile-config\.properties$/;
// Quarkus's `%prod.a.b`: a.b in the profile a built application runs (a container's); `%dev.`, `%test.` are not.
const PROD_PROFILE = /^%prod\./;

/** A `.properties` file's entries: `a.b=c`, `a.b: c` or `a.b c`, continuation lines joined, comments left out. */
function propertiesEntries(text: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const lines = text.replace(/\\\r?\n[ \t]*/g, '').split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const at = trimmed.search(/[=:\s]/);
    if (at <= 0) continue;
    entries.push([trimmed.slice(0, at), trimmed.slice(at + 1).replace(/^[\s=:]+/, '')]);
  }
  return entries;
}

/** A YAML file's entries, of the documents every profile loads (a document that does not parse gives none). */
function yamlEntries(text: string, file: string): Array<[string, string]> {
  const lines = text.split('\n');
  return springDocuments(text, file).flatMap((document) => {
    if (document.scoped) return [];
    try {
      const body = lines.slice(document.first - 1, document.last).join('\n');
      return flatten(parseYaml(body, file)).map((entry): [string, string] => [entry.path.join('.'), entry.value]);
    } catch {
      return [];
    }
  });
}

/** A Spring settings file's entries, key path and value as text, of the documents every profile loads. */
export const springEntries = (text: string, file: string): Array<[string, string]> =>
  file.endsWith('.properties') ? propertiesEntries(everyProfileText(text, file)) : yamlEntries(text, file);

/**
 * What a Spring property read falls back to when the environment lacks its key: the value application.yml (or
 * application.properties, bootstrap.*) sets for it, by canonical key. Spring resolves `${a.b}` from these files
 * when no variable overrides them. A value holding a placeholder without a default the file does not set
 * (`jwt.secret: ${JWT_SECRET}`) is no default: that placeholder is a read of its own.
 */
function springPropertyDefaults(text: string, file: string): ReadonlyMap<string, ReadFallback> {
  const written = springEntries(text, file);
  // The profile's value wins over the plain one: those entries come last.
  const named = [
    ...written.filter(([name]) => !name.startsWith('%')),
    ...written
      .filter(([name]) => PROD_PROFILE.test(name))
      .map(([name, value]): [string, string] => [name.replace(PROD_PROFILE, ''), value]),
  ];
  const entries = named.map(([name, value]) => ({ key: canonicalKey(name), value, inner: placeholders(value) }));
  const set = new Set(entries.map((e) => e.key));
  const defaults = new Map<string, ReadFallback>();
  for (const { key, value, inner } of entries) {
    // `url: http://${app.host}/api` resolves from the file's own app.host; `${JWT_SECRET}` needs the variable.
    const resolved = inner.every((p) => p.fallback.kind !== 'none' || (set.has(canonicalKey(p.key)) && canonicalKey(p.key) !== key));
    if (key !== '' && resolved) defaults.set(key, inner.length ? { kind: 'default' } : { kind: 'default', value });
  }
  return defaults;
}

/** Spring Boot's files every profile loads, and what they set for `@Value`, `Environment.getProperty` and the placeholders. */
export const SPRING_PROPERTY_FILES = { framework: 'spring', names: BASE_FILE, defaults: springPropertyDefaults } as const;
