import { posix } from 'node:path';
import { SETTINGS_ENDING } from './spring-config';
import { springEntries } from './spring-properties';

/**
 * Spring Cloud Config Server's native backend serves the files of its `search-locations` to the applications that ask for
 * them: piggymetrics' config service has `search-locations: classpath:/shared`, whose account-service.yml holds
 * `password: ${MONGODB_PASSWORD}`, a placeholder the account service resolves from its own environment. Only folders of
 * the tree are known: `classpath:` ones, under the classpath root of the settings file that names them.
 */
const SEARCH_LOCATIONS = 'springcloudconfigservernativesearchlocations';
const RESOURCES = 'src/main/resources';

/** The folder a settings file's `classpath:` names start from: Maven's and Gradle's `src/main/resources`, else the file's own. */
function classpathRoot(file: string): string {
  const at = file.lastIndexOf(`${RESOURCES}/`);
  return at >= 0 ? file.slice(0, at + RESOURCES.length) : posix.dirname(file);
}

/** The locations a value lists: comma-separated, or a YAML list (flattened to its JSON text). */
function locations(value: string): string[] {
  if (value.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(value);
      return Array.isArray(list) ? list.filter((l): l is string => typeof l === 'string') : [];
    } catch {
      return [];
    }
  }
  return value.split(',');
}

/** The folders of the tree a Spring settings file's native `search-locations` serve (`classpath:/shared`, `classpath:config/{application}`). */
export function nativeSearchFolders(text: string, file: string): string[] {
  if (!/search[-_]?locations/i.test(text)) return [];
  const root = classpathRoot(file);
  return springEntries(text, file)
    .filter(([path]) => path.toLowerCase().replace(/[^a-z0-9]/g, '') === SEARCH_LOCATIONS)
    .flatMap(([, value]) => locations(value))
    .flatMap((location) => {
      // The folder up to a placeholder or a pattern: `classpath:/config/{application}` serves what is under config/.
      const path = /^classpath\*?:\/?([^{}*?]*)(?:$|[{*?])/.exec(location.trim());
      if (!path) return [];
      const folder = posix.normalize(posix.join(root, path[1] ?? '')).replace(/\/$/, '');
      // The tree's own root is no classpath: served, every YAML file of the repository (docker-compose.yml's
      // `${POSTGRES_PASSWORD}`, a manifest's `${IMAGE_TAG}`) would be read as a setting the application resolves.
      return folder === '.' || folder === '..' || folder.startsWith('../') ? [] : [folder];
    });
}

/** Whether a settings file (`.yml`, `.yaml`, `.properties`) is in one of the served folders, or under one. */
export function servedBy(folders: readonly string[]): (file: string) => boolean {
  return (file) => SETTINGS_ENDING.test(file) && folders.some((f) => file.startsWith(`${f}/`));
}
