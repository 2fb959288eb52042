import { secretSettingLines } from './config-file-settings';
import { quarkusDevTestLines } from './quarkus-profiles';

/** The annotation a Spring configuration file's placeholders are read through (see springConfigAsJava): a name no code uses. */
export const CONFIG_FILE_READ = 'SpringConfigurationFilePlaceholder';

// The files Spring Boot reads its properties from: application.yml, application-prod.properties, bootstrap.yaml.
const CONFIG_FILE = /(?:^|\/)(?:application|bootstrap)(?:[-.][\w.-]*)?\.(?:ya?ml|properties)$/;
/** How a Spring settings file's name ends, whatever its name: a config server serves any. */
export const SETTINGS_ENDING = /\.(?:ya?ml|properties)$/;

/** The outermost `${…}` placeholders of a text, as written (a GitHub Actions `${{ … }}` is none; nested ones are inside theirs). */
export function outermostPlaceholders(text: string): string[] {
  const found: string[] = [];
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 2)) {
    if (text[start + 2] === '{') continue;
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      // A SpEL expression in a default (`${app.key:#{null}}`) closes its own brace.
      if (text.startsWith('${', end) || text.startsWith('#{', end)) depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (end >= text.length) break;
    found.push(text.slice(start, end + 1));
    start = end - 1;
  }
  return found;
}

/**
 * A YAML line without its comment: `#` after a space (or at the start), outside quotes. A quote inside a
 * plain value (`it's`) keeps the rest of the line, as before: more read, never a read lost.
 */
export function withoutYamlComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

/**
 * A Spring Boot configuration file (`application.yml`, `application-prod.properties`, or one a config server of the tree
 * serves: `served`) as Java that the
 * Java reader reads: each `${DATABASE_URL:jdbc:…}` placeholder becomes an annotated field on its own
 * line, so it is read as `@Value("${…}")` is (nested defaults, secrets kept out) at the line it is
 * written on. Quarkus's `%dev.` and `%test.` settings are left out: no deployed application loads them. Undefined for any
 * other file, or one without a placeholder.
 */
export function springConfigAsJava(text: string, file: string, served = false): string | undefined {
  if ((!CONFIG_FILE.test(file) && !served) || !text.includes('${')) return undefined;
  const yaml = !file.endsWith('.properties');
  const written = text.split('\n');
  const devTest = quarkusDevTestLines(written, yaml);
  const lines = written.map((line, i) => {
    const trimmed = line.trimStart();
    // Whole-line comments of YAML and properties files; YAML's after a value too (a properties value may hold `#`).
    if (trimmed.startsWith('#') || trimmed.startsWith('!') || devTest.has(i)) return '';
    // JSON's escapes are Java's: a string literal of the placeholder as written.
    return outermostPlaceholders(yaml ? withoutYamlComment(line) : line)
      .map((p, k) => `@${CONFIG_FILE_READ}(${JSON.stringify(p)}) Object p${i}_${k};`)
      .join(' ');
  });
  return `class SpringConfiguration { ${lines.join('\n')} }`;
}

/**
 * The lines of a Spring Boot configuration file whose placeholders fill a secret-named setting (`password: ${REDIS_AUTH:x}`):
 * asked of the files springConfigAsJava reads, a served one too, and of Java source, which has none.
 */
export const springSecretLines = (text: string, file: string): ReadonlySet<number> =>
  SETTINGS_ENDING.test(file) ? secretSettingLines(text, file, (line) => line.includes('${')) : new Set();
