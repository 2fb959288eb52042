import type { ApiRead, ConfigService } from './code-read';

/** A configuration service by the name people know it by. */
export const SERVICE_NAMES: Readonly<Record<ConfigService, string>> = {
  ssm: 'SSM Parameter Store',
  secretsmanager: 'Secrets Manager',
  appconfig: 'AppConfig',
};

/** The code's read, through its service's API, of a key set by sources of these types: the first such read, if any. */
export function apiReadFor(apiReads: readonly ApiRead[] | undefined, sourceTypes: Iterable<string>): ApiRead | undefined {
  if (!apiReads?.length) return undefined;
  for (const type of sourceTypes) {
    const read = apiReads.find((a) => a.service === type);
    if (read) return read;
  }
  return undefined;
}

/** `through the SSM Parameter Store API at src/settings.py:9`. */
export const apiReadSummary = (a: ApiRead): string => `through the ${SERVICE_NAMES[a.service]} API at ${a.file}:${a.line}`;
