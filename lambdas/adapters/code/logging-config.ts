import type { CodeRead, ReadFallback } from '../../core/code/code-read';
import { canonicalKey } from '../../core/keys';

/** logback.xml (logback-spring.xml) and log4j2's configuration files (log4j2.xml, log4j2-prod.yaml, …). */
export const LOGGING_CONFIG = /(?:^|\/)(?:logback(?:-spring)?\.xml|log4j2[^/]*\.(?:xml|ya?ml|json|properties))$/;

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
// What a logback file defines itself: `<property name="X" …>`, `<variable name="X" …>`, `<springProperty name="X" …>`.
const DEFINED = /<(?:property|variable|springProperty)\b[^<>]*\bname\s*=\s*"([^"]+)"/g;

/** `<!-- … -->` blanked, line breaks kept; in one pass (a lazy pattern read the rest again from each unclosed `<!--`). */
function withoutXmlComments(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    out += text.slice(at, open) + text.slice(open, close + 3).replace(/[^\n]/g, ' ');
    at = close + 3;
  }
  return out + text.slice(at);
}

/** The file with its comments blanked, lines kept where they are: `<!-- … -->` in XML, a `#` line elsewhere. */
function withoutComments(text: string, file: string): string {
  if (file.endsWith('.xml')) return withoutXmlComments(text);
  return text.replace(/^[^\S\n\r\u2028\u2029]*[#!].*$/gm, '');
}

/**
 * The variables of a line after `head`: logback's `${NAME}` and `${NAME:-default}` (a dotted name is a system
 * property), log4j2's `${env:NAME}` and `${env:NAME:-default}`; the default runs to the first `}`. One pass: a
 * pattern would read the rest of the line again from each `${` that no `}` closes.
 */
function variablesIn(line: string, head: string): { name: string; value?: string; index: number }[] {
  const found: { name: string; value?: string; index: number }[] = [];
  const lastClose = line.lastIndexOf('}');
  for (let at = line.indexOf(head); at !== -1 && at < lastClose;) {
    NAME.lastIndex = at + head.length;
    const name = NAME.exec(line)?.[0];
    const end = at + head.length + (name?.length ?? 0);
    let next = at + 1;
    if (name !== undefined && line[end] === '}') {
      found.push({ name, index: at });
      next = end + 1;
    } else if (name !== undefined && line.startsWith(':-', end) && end + 2 <= lastClose) {
      const close = line.indexOf('}', end + 2);
      found.push({ name, value: line.slice(end + 2, close), index: at });
      next = close + 1;
    }
    at = line.indexOf(head, next);
  }
  return found;
}

/**
 * What logback itself (HOSTNAME, CONTEXT_NAME) and Spring Boot's logging system (from its logging.* properties) set
 * before a logback file is read: `${LOG_FILE}` in logback-spring.xml is theirs, not a variable the environment sets.
 */
const LOGBACK_PROVIDED: ReadonlySet<string> = new Set([
  'HOSTNAME',
  'CONTEXT_NAME',
  'PID',
  'LOG_FILE',
  'LOG_PATH',
  'CONSOLE_LOG_PATTERN',
  'CONSOLE_LOG_CHARSET',
  'CONSOLE_LOG_THRESHOLD',
  'CONSOLE_LOG_STRUCTURED_FORMAT',
  'FILE_LOG_PATTERN',
  'FILE_LOG_CHARSET',
  'FILE_LOG_THRESHOLD',
  'FILE_LOG_STRUCTURED_FORMAT',
  'LOG_LEVEL_PATTERN',
  'LOG_DATEFORMAT_PATTERN',
  'LOG_CORRELATION_PATTERN',
  'LOG_EXCEPTION_CONVERSION_WORD',
  'ROLLING_FILE_NAME_PATTERN',
  'LOGBACK_ROLLINGPOLICY_FILE_NAME_PATTERN',
  'LOGBACK_ROLLINGPOLICY_CLEAN_HISTORY_ON_START',
  'LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE',
  'LOGBACK_ROLLINGPOLICY_TOTAL_SIZE_CAP',
  'LOGBACK_ROLLINGPOLICY_MAX_HISTORY',
]);

/**
 * The variables a logging framework's configuration reads as the application starts (`<root level="${LOG_LEVEL:-INFO}">`),
 * each at its `${`, falling back to the default written after `:-`. A name the logback file defines itself is its own property.
 */
export function loggingConfigReads(
  text: string,
  file: string,
  shown: (fallback: ReadFallback, key: string, secret: boolean) => ReadFallback,
): CodeRead[] {
  const log4j2 = /(?:^|\/)log4j2/.test(file);
  text = withoutComments(text, file);
  const own = log4j2 ? new Set<string>() : new Set([...LOGBACK_PROVIDED, ...[...text.matchAll(DEFINED)].map((m) => m[1] as string)]);
  const reads: CodeRead[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of variablesIn(line, log4j2 ? '${env:' : '${')) {
      const { name } = m;
      const key = canonicalKey(name);
      if (key === '' || own.has(name)) continue;
      const fallback: ReadFallback = m.value === undefined ? { kind: 'none' } : { kind: 'default', value: m.value };
      reads.push({
        name,
        key,
        file,
        line: i + 1,
        column: m.index + 1,
        language: 'java',
        via: `${log4j2 ? 'log4j2' : 'logback'} configuration`,
        fallback: shown(fallback, key, false),
      });
    }
  });
  return reads;
}
