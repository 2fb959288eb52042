import { readFile } from 'node:fs/promises';
import type { ApiRead, CodeRead, ReadFallback } from '../../core/code/code-read';
import { MAX_FILE_BYTES, type CodeFile } from './code-files';
import { HOCON_CONFIG, hoconReads } from './hocon-config';
import { MAPPING_FILE } from './languages/node-config-files';
import { LOGGING_CONFIG, loggingConfigReads } from './logging-config';
import { PRISMA_SCHEMA, prismaReads } from './prisma-schema';
import { RAILS_DATABASE, railsDatabaseReads } from './rails-database';
import { settingsApiReads, SPRING_SETTINGS } from './service-reads';

/**
 * Files that hold no code but read variables as the application starts (Prisma schemas, logging
 * configuration, HOCON's application.conf, node-config's mapping, Rails' config/database.yml) or import a configuration service (Spring's application.yml):
 * the scan walks them beside the code.
 */
export const readsSettings = (file: string): boolean =>
  PRISMA_SCHEMA.test(file) ||
  LOGGING_CONFIG.test(file) ||
  HOCON_CONFIG.test(file) ||
  MAPPING_FILE.test(file) ||
  SPRING_SETTINGS.test(file) ||
  RAILS_DATABASE.test(file);

/** The text of a file the scan may read (not too large), else undefined. */
async function textOf(file: CodeFile): Promise<string | undefined> {
  const bytes = await readFile(file.absolute).catch(() => undefined);
  return bytes && bytes.length <= MAX_FILE_BYTES ? bytes.toString('utf8') : undefined;
}

/** What the tree's Prisma schemas, logging configuration, HOCON files and Rails' database settings read (node-config's mapping has a reader of its own). */
export async function settingsFileReads(
  files: readonly CodeFile[],
  shown: (fallback: ReadFallback, key: string, secret: boolean) => ReadFallback,
): Promise<CodeRead[]> {
  const reads: CodeRead[] = [];
  const read = (f: CodeFile) =>
    PRISMA_SCHEMA.test(f.file) || LOGGING_CONFIG.test(f.file) || HOCON_CONFIG.test(f.file) || RAILS_DATABASE.test(f.file);
  for (const file of files.filter(read)) {
    const text = await textOf(file);
    if (text === undefined) continue;
    if (PRISMA_SCHEMA.test(file.file)) reads.push(...prismaReads(text, file.file));
    else if (RAILS_DATABASE.test(file.file)) reads.push(...railsDatabaseReads(text, file.file));
    else if (HOCON_CONFIG.test(file.file)) reads.push(...hoconReads(text, file.file, shown));
    else reads.push(...loggingConfigReads(text, file.file, shown));
  }
  return reads;
}

/** What Spring's settings files (application.yml, a profile's) import from configuration services. */
export async function settingsImports(files: readonly CodeFile[]): Promise<ApiRead[]> {
  const found: ApiRead[] = [];
  for (const file of files.filter((f) => SPRING_SETTINGS.test(f.file))) {
    const text = await textOf(file);
    if (text !== undefined) found.push(...settingsApiReads(text, file.file, 'java'));
  }
  return found;
}
