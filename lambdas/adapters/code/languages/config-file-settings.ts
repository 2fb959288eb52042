import { namedSecret } from '../../../core/keys';

// A YAML mapping key starting a line (a list item's too): `  password: …`, `- name: …`, `"client-secret": …`.
const YAML_KEY = /^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s:#'"](?:[^:#]*?[^\s:#])??)\s*:(?:\s|$)/;

/** The setting each line of a YAML file sets, as its dotted path (`spring.data.redis.password`), by indentation. */
export function yamlSettings(lines: readonly string[]): Array<string | undefined> {
  const open: Array<{ indent: number; name: string }> = [];
  return lines.map((line) => {
    const key = YAML_KEY.exec(line);
    if (!key) return undefined;
    const indent = (key[1] as string).length;
    while (open.length && (open.at(-1) as { indent: number }).indent >= indent) open.pop();
    open.push({ indent, name: (key[2] as string).replace(/^(["'])(.*)\1$/, '$2') });
    return open.map((o) => o.name).join('.');
  });
}

/** The setting each line of a `.properties` file sets: the name before `=`, `:` or a blank. */
export const propertiesSettings = (lines: readonly string[]): Array<string | undefined> =>
  lines.map((line) => /^\s*([^=:\s]+)\s*[=:\s]/.exec(line)?.[1]);

/**
 * The lines (1-based) of a configuration file where `holdsRead` sees a read and the setting the line sets is
 * named as a secret (`password: ${REDIS_AUTH:x}`): whatever the variable is called, its default is that secret.
 */
export function secretSettingLines(text: string, file: string, holdsRead: (line: string) => boolean): ReadonlySet<number> {
  const lines = text.split('\n');
  const settings = file.endsWith('.properties') ? propertiesSettings(lines) : yamlSettings(lines);
  const found = new Set<number>();
  settings.forEach((setting, i) => {
    if (setting !== undefined && holdsRead(lines[i] ?? '') && namedSecret(setting)) found.add(i + 1);
  });
  return found;
}
