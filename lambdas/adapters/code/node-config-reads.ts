import type { CodeRead, ReadFallback } from '../../core/code/code-read';
import { canonicalKey, looksSecret } from '../../core/keys';
import { smallFileBytes, type CodeFile } from './code-files';
import { MAPPING_FILE, nodeConfigVariables } from './languages/node-config-files';
import { hostFallbacks, inProject, projectOf, type PropertyDefaults } from './property-defaults';

/** What node-config's mapping files read: their variables, and which `config.get` reads they stand for. */
export interface NodeConfigReads {
  /** Each variable a project's config/custom-environment-variables maps, read where it is named. */
  readonly reads: CodeRead[];
  /** Whether a `config.get` of `key` in `file` takes a variable the file's project maps (the mapping's read is that read). */
  covers(file: string, key: string): boolean;
}

/**
 * node-config reads every variable config/custom-environment-variables names when the application loads its
 * configuration, whatever the code then asks (`config.get('db.host')` or `config.db.host`); unset, the path keeps
 * what config/default sets. `shown` keeps a secret default's value out (by the variable's name or the path's).
 */
export async function nodeConfigReads(
  files: readonly CodeFile[],
  property: PropertyDefaults,
  shown: (fallback: ReadFallback, key: string, secret: boolean) => ReadFallback,
): Promise<NodeConfigReads> {
  const reads: CodeRead[] = [];
  const mapped: Array<{ project: string; key: string }> = [];
  for (const file of files.filter((f) => MAPPING_FILE.test(f.file))) {
    const bytes = await smallFileBytes(file.absolute);
    if (!bytes) continue;
    for (const v of nodeConfigVariables(bytes.toString('utf8'), file.file)) {
      const path = canonicalKey(v.path);
      const key = canonicalKey(v.name);
      if (key === '' || path === '') continue;
      mapped.push({ project: projectOf(file.file), key: path });
      const fallbackAs = (host?: string): ReadFallback => property.fallback('node-config', file.file, path, host) ?? { kind: 'none' };
      const show = (f: ReadFallback): ReadFallback => shown(f, key, looksSecret(path));
      // config/production.json over config/default.json where NODE_ENV is production (development where unset).
      const hostEnvironments = hostFallbacks(property, 'node-config', file.file, fallbackAs, show);
      reads.push({
        name: v.name,
        key,
        file: file.file,
        line: v.line,
        column: v.column,
        language: 'javascript',
        via: 'custom-environment-variables (node-config)',
        fallback: show(fallbackAs()),
        ...(hostEnvironments && { hostEnvironments }),
      });
    }
  }
  return { reads, covers: (file, key) => mapped.some((m) => m.key === key && inProject(m.project, file)) };
}
