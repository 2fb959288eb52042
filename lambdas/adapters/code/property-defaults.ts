import { dirname } from 'node:path';
import type { CodeRead, ReadFallback } from '../../core/code/code-read';
import { smallFileBytes, type CodeFile } from './code-files';
import type { LanguageModule, PropertyFramework } from './language';

/** What a tree's property files give a `framework` property read of `key` in `file`. */
export interface PropertyDefaults {
  /**
   * The value the project's own files set, if they do, in a host run as `host` (appsettings.Staging.json over
   * appsettings.json; absent: the environment a host that names none runs, Production; a name with no file: none of them).
   */
  fallback(framework: PropertyFramework, file: string, key: string, host?: string): ReadFallback | undefined;
  /** The host environments the files of `file`'s project (or a library's hosts) are named for: `Production`, `Staging`. */
  hostEnvironments(framework: PropertyFramework, file: string): string[];
  /** The canonical keys whose value names the host environment of the framework's files (absent: it has none). */
  hostVariables(framework: PropertyFramework): readonly string[] | undefined;
}

/**
 * CodeRead.hostEnvironments of a `framework` property read in `file`: what `fallbackAs` gives in a host run as each
 * environment its project's files are named for, and as any other, each as `show` keeps it; undefined where every one
 * is what a host that names none gets.
 */
export function hostFallbacks(
  property: PropertyDefaults,
  framework: PropertyFramework,
  file: string,
  fallbackAs: (host?: string) => ReadFallback,
  show: (fallback: ReadFallback) => ReadFallback,
): CodeRead['hostEnvironments'] {
  const byName = Object.fromEntries(property.hostEnvironments(framework, file).map((host) => [host, show(fallbackAs(host))]));
  const other = show(fallbackAs(''));
  const unnamed = JSON.stringify(show(fallbackAs()));
  if (Object.values(byName).every((f) => JSON.stringify(f) === unnamed) && JSON.stringify(other) === unnamed) return undefined;
  const variables = property.hostVariables(framework);
  return { byName, other, ...(variables && { variables }) };
}

/**
 * The project a configuration file configures: the folder above Maven and Gradle's `src/main/resources` (or
 * `main/resources` when the tree is `src/` itself), else its own folder (`config/` counts as its parent's).
 */
export function projectOf(file: string): string {
  const resources = /(?:^|\/)(?:src\/)?main\/resources\//.exec(file);
  if (resources) return file.slice(0, resources.index);
  return dirname(file)
    .replace(/(?:^|\/)config$/, '')
    .replace(/^\.$/, '');
}

/**
 * One property file's settings: the framework it is for, the project it configures, what it sets, and the host
 * environment it is loaded for (appsettings.Staging.json's `Staging`; none: every environment), with the one a host
 * that names none runs (`Production`).
 */
interface PropertyProject {
  readonly framework: PropertyFramework;
  readonly project: string;
  readonly defaults: ReadonlyMap<string, ReadFallback>;
  readonly environment?: string;
  readonly unnamed?: string;
  readonly libraries?: 'hosts';
}

export const inProject = (project: string, file: string): boolean => project === '' || file.startsWith(`${project}/`);

/** What the hosts of a library set a key to: their common value, a default of no shown value where they differ, nothing where none sets it. */
function hostsDefault(hosts: readonly PropertyProject[], key: string): ReadFallback | undefined {
  const set = hosts.map((h) => h.defaults.get(key)).filter((d): d is ReadFallback => d !== undefined);
  const [first] = set;
  if (first === undefined) return undefined;
  return set.every((d) => JSON.stringify(d) === JSON.stringify(first)) ? first : { kind: 'default' };
}

/** Whether a file is loaded in a host run as `host` (absent: as its project's hosts run without naming one). */
const loadedAs = (p: PropertyProject, host: string | undefined): boolean =>
  p.environment === undefined || p.environment === (host ?? p.unnamed);

/** The keys the tree's property files set (application.yml), each for the reads of its own project. */
export async function propertyDefaults(languages: readonly LanguageModule[], files: readonly CodeFile[]): Promise<PropertyDefaults> {
  const projects: PropertyProject[] = [];
  for (const file of files)
    for (const { propertyFiles } of languages) {
      if (!propertyFiles?.names.test(file.file)) continue;
      const bytes = await smallFileBytes(file.absolute);
      const environment = propertyFiles.hostEnvironments?.of(file.file);
      // One too big or unreadable is skipped as the language's source already says; its keys are then no defaults.
      if (bytes && !bytes.includes(0))
        projects.push({
          framework: propertyFiles.framework,
          project: projectOf(file.file),
          defaults: propertyFiles.defaults(bytes.toString('utf8'), file.file),
          ...(environment !== undefined && { environment }),
          ...(propertyFiles.hostEnvironments && { unnamed: propertyFiles.hostEnvironments.unnamed }),
          ...(propertyFiles.libraries && { libraries: propertyFiles.libraries }),
        });
    }
  // A host environment's file overrides its project's others: it is asked first (appsettings.Production.json before appsettings.json).
  projects.sort((a, b) => Number(b.environment !== undefined) - Number(a.environment !== undefined));
  const own = (framework: PropertyFramework, file: string): PropertyProject[] =>
    projects.filter((p) => p.framework === framework && inProject(p.project, file));
  // A library's read runs in its hosts: the projects of the framework's files (a project with none of them is a library).
  const hostsOf = (framework: PropertyFramework, file: string): PropertyProject[] =>
    own(framework, file).length > 0 ? [] : projects.filter((p) => p.framework === framework && p.libraries === 'hosts');
  return {
    fallback(framework, file, key, host) {
      const mine = own(framework, file);
      if (mine.length > 0) return mine.find((p) => loadedAs(p, host) && p.defaults.has(key))?.defaults.get(key);
      const hosts = hostsOf(framework, file).filter((p) => loadedAs(p, host));
      const byHost = [...new Set(hosts.map((h) => h.project))].map((project) => hosts.filter((h) => h.project === project));
      const perHost = byHost
        .map((files) => files.find((h) => h.defaults.has(key)) ?? files[0])
        .filter((h): h is PropertyProject => h !== undefined);
      return hostsDefault(perHost, key);
    },
    hostVariables(framework) {
      return languages.find((l) => l.propertyFiles?.framework === framework)?.propertyFiles?.hostEnvironments?.variables;
    },
    hostEnvironments(framework, file) {
      const mine = own(framework, file);
      const named = (mine.length > 0 ? mine : hostsOf(framework, file)).flatMap((p) =>
        p.environment === undefined ? [] : [p.environment],
      );
      return [...new Set(named)].sort();
    },
  };
}
