import { parseJson, parseYamlLinked, type ParsedConfig } from './config-file';
import { startsWithAssignment } from './dotenv';
import { stripBom } from './shape';

/**
 * How AppConfig content is read. `text` is a freeform profile of `KEY=VALUE` lines, read as dotenv
 * reads them (`#` comments, quotes, `export`), which covers Java `.properties` written `key=value` or
 * `key = value`; a text that is not such lines is a source error, line by line. `ion` is the Amazon
 * Ion that multi-variant feature flags are served as, which is not read.
 */
export type AppConfigFormat = 'json' | 'yaml' | 'text' | 'ion';

/** The format a Content-Type names (`application/json`, `application/x-yaml`, `text/plain`), if it names one. */
function formatOfType(contentType: string): AppConfigFormat | undefined {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (/json$/.test(type)) return 'json';
  if (/(yaml|yml)$/.test(type)) return 'yaml';
  if (/\bion$/.test(type)) return 'ion';
  if (type.startsWith('text/')) return 'text';
  return undefined;
}

/** The format a recorded file's extension names, if it names one. */
function formatOfFile(file: string): AppConfigFormat | undefined {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.(txt|properties|env)$/i.test(file)) return 'text';
  return undefined;
}

/** What the content looks like, for an S3 object's `binary/octet-stream` or a file with no telling extension. */
function sniff(text: string): AppConfigFormat {
  const body = text.trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return 'json';
  return startsWithAssignment(body) ? 'text' : 'yaml';
}

/** The content's format: from its Content-Type, else its file's extension, else its look. */
export function formatOf(text: string, file: string, contentType?: string): AppConfigFormat {
  return (contentType ? formatOfType(contentType) : undefined) ?? formatOfFile(file) ?? sniff(text);
}

/**
 * The parsed document of JSON or YAML content (undefined when there is none: an empty profile);
 * throws a SourceInputError naming the file and position, never the content.
 */
export function parseStructured(text: string, file: string, format: 'json' | 'yaml'): unknown {
  return parseStructuredLinked(text, file, format)?.doc;
}

/** parseStructured with where the YAML's aliases lead (see yamlAliasLinks); undefined for an empty profile. */
export function parseStructuredLinked(text: string, file: string, format: 'json' | 'yaml'): ParsedConfig | undefined {
  const body = stripBom(text);
  if (body.trim() === '') return undefined;
  return format === 'json' ? { doc: parseJson(body, file), links: [] } : parseYamlLinked(body, file);
}
