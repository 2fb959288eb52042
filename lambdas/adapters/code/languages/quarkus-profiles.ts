import { SILENT } from '../../../core/on-demand/yaml-package';
import { parseUntangled } from '../../../core/sources/yaml-collection-keys';
import { profileList, profilesSetIn, splitProfiled } from '../../../core/sources/quarkus-profiles';
import type { QuarkusProfileLines } from '../language';

// Quarkus's dev mode and tests run these profiles; a built application (a container's) runs `prod` or its own.
const NEVER_DEPLOYED = new Set(['dev', 'test']);
// `"%dev,test":` at the top of a YAML file: the block under it is those profiles'.
const PROFILED_YAML_BLOCK = /^(["']?)%([\w-]+(?:,[\w-]+)*)\1\s*:\s*(?:#.*)?$/;

/** The profiles a `.properties` line's `%dev,test.a.b=…` names, as written (`dev,test`). */
const profiledLine = (line: string): string | undefined => splitProfiled(line.trimStart())?.profiles.join(',');

const neverDeployed = (profiles: string): boolean => profiles.split(',').every((p) => NEVER_DEPLOYED.has(p));

/**
 * The lines (0-based) of a Quarkus configuration file that only its `dev` and `test` profiles load: `%dev.a.b=…`,
 * `%dev,test.a.b=…`, and a YAML file's `"%dev,test":` block. A line another profile also loads (`%dev,openai.`) is not one.
 */
export function quarkusDevTestLines(lines: readonly string[], yaml: boolean): ReadonlySet<number> {
  const found = new Set<number>();
  let inBlock = false;
  lines.forEach((line, i) => {
    if (!yaml) {
      const profiles = profiledLine(line);
      if (profiles !== undefined && neverDeployed(profiles)) found.add(i);
      return;
    }
    // A block ends at the next line written at the top, other than a comment.
    if (/^[^\s#]/.test(line)) {
      const profiles = PROFILED_YAML_BLOCK.exec(line)?.[2];
      inBlock = profiles !== undefined && neverDeployed(profiles);
    }
    if (inBlock) found.add(i);
  });
  return found;
}

/**
 * The lines (1-based) of a Quarkus configuration file that only some deployed profiles load, with those profiles as a
 * Spring profile expression (`%staging,qa.` is `staging | qa`): `%prod.db=${DB_URL}` is read only where the environment's
 * QUARKUS_PROFILE names `prod`, or where it names none and the application runs `prod` (`runs`: the file's own
 * `quarkus.profile`; without one, Quarkus's default). `%dev` and `%test` are not read at all (quarkusDevTestLines).
 */
export function quarkusProfileLines(text: string, yaml: boolean): QuarkusProfileLines {
  const found = new Map<number, string>();
  let block: string | undefined;
  text.split('\n').forEach((line, i) => {
    if (!yaml) {
      const profiles = profiledLine(line);
      if (profiles !== undefined && !neverDeployed(profiles)) found.set(i + 1, profiles.split(',').join(' | '));
      return;
    }
    if (/^[^\s#]/.test(line)) {
      const profiles = PROFILED_YAML_BLOCK.exec(line.replace(/\r$/, ''))?.[2];
      block = profiles !== undefined && !neverDeployed(profiles) ? profiles.split(',').join(' | ') : undefined;
    }
    if (block !== undefined) found.set(i + 1, block);
  });
  const runs = found.size === 0 ? undefined : yaml ? yamlProfilesSetIn(text) : profilesSetIn(text);
  return runs ? { lines: found, runs } : { lines: found };
}

/**
 * The profiles an application.yaml's own `quarkus.profile` names (`quarkus: {profile: staging}`, or the dotted key), as
 * the file reader takes it; undefined where it names none or the file is no YAML mapping (the file reader says why).
 */
function yamlProfilesSetIn(text: string): string[] | undefined {
  if (!text.includes('profile')) return undefined;
  let doc: unknown;
  try {
    doc = parseUntangled(text, SILENT);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const top = doc as Record<string, unknown>;
  const quarkus = top.quarkus;
  const named =
    top['quarkus.profile'] ?? (typeof quarkus === 'object' && quarkus !== null ? (quarkus as Record<string, unknown>).profile : undefined);
  return typeof named === 'string' ? profileList(named) : undefined;
}
