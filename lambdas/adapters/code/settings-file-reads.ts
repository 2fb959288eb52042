import type { ApiRead, CodeRead, ReadFallback } from '../../core/code/code-read';
import { smallFileBytes, type CodeFile } from './code-files';
import { HOCON_CONFIG, hoconReads } from './hocon-config';
import { MAPPING_FILE } from './languages/node-config-files';
import { LOGGING_CONFIG, loggingConfigReads } from './logging-config';
import { PRISMA_SCHEMA, prismaReads } from './prisma-schema';
import { RAILS_DATABASE, railsDatabaseReads } from './rails-database';
import { GEMFILE, gemReads } from './gem-reads';
import { settingsApiReads, SPRING_SETTINGS } from './service-reads';
import { nativeSearchFolders } from './languages/spring-cloud-config';

type Shown = (fallback: ReadFallback, key: string, secret: boolean) => ReadFallback;

/**
 * Files that hold no code but read variables as the application starts, each with what it reads: Prisma schemas,
 * Rails' config/database.yml, a Gemfile's gems, HOCON's application.conf, logging configuration.
 */
const SETTINGS_READERS: ReadonlyArray<{ file: RegExp; reads(text: string, file: string, shown: Shown): CodeRead[] }> = [
  { file: PRISMA_SCHEMA, reads: prismaReads },
  { file: RAILS_DATABASE, reads: railsDatabaseReads },
  { file: GEMFILE, reads: gemReads },
  { file: HOCON_CONFIG, reads: hoconReads },
  { file: LOGGING_CONFIG, reads: loggingConfigReads },
];

/**
 * The files the scan walks beside the code: those of SETTINGS_READERS, node-config's mapping (which has a reader
 * of its own) and Spring's application.yml, which may import a configuration service.
 */
export const readsSettings = (file: string): boolean =>
  SETTINGS_READERS.some((r) => r.file.test(file)) || MAPPING_FILE.test(file) || SPRING_SETTINGS.test(file);

/** The text of a file the scan may read (not too large), else undefined. */
async function textOf(file: CodeFile): Promise<string | undefined> {
  return (await smallFileBytes(file.absolute))?.toString('utf8');
}

/** What the tree's files of SETTINGS_READERS read. */
export async function settingsFileReads(files: readonly CodeFile[], shown: Shown): Promise<CodeRead[]> {
  const reads: CodeRead[] = [];
  for (const file of files) {
    const reader = SETTINGS_READERS.find((r) => r.file.test(file.file));
    const text = reader && (await textOf(file));
    if (reader && text !== undefined) reads.push(...reader.reads(text, file.file, shown));
  }
  return reads;
}

/**
 * What Spring's settings files (application.yml, a profile's) import from configuration services, and the folders of the
 * tree a Spring Cloud Config Server of it serves (see nativeSearchFolders): each file read once for both.
 */
export async function springSettings(files: readonly CodeFile[]): Promise<{ imports: ApiRead[]; served: string[] }> {
  const imports: ApiRead[] = [];
  const served: string[] = [];
  for (const file of files.filter((f) => SPRING_SETTINGS.test(f.file))) {
    const text = await textOf(file);
    if (text === undefined) continue;
    imports.push(...settingsApiReads(text, file.file, 'java'));
    served.push(...nativeSearchFolders(text, file.file));
  }
  return { imports, served };
}
