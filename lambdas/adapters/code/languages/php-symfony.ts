import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey } from '../../../core/keys';
import { readDotenv } from '../../../core/sources/dotenv';
import type { ReadSite } from '../read-sites';
import { plainString } from '../syntax';
import { secretSettingLines } from './config-file-settings';
import { withoutYamlComment } from './spring-config';

const VIA = '%env() (Symfony)';
// `%env(DATABASE_URL)%`, with processors before the name: `%env(resolve:DATABASE_URL)%`, `%env(default::TEST_TOKEN)%`.
const PLACEHOLDER = /%env\(([\w:.\\-]*?)\)%/g;
// The configuration Symfony loads from config/ (packages, services, routes), in YAML.
const CONFIG_FILE = /(?:^|\/)config\/(?:.*\/)?[^/]+\.ya?ml$/;
// Loaded only in the dev or test environment: config/packages/dev/, config/packages/test/.
const DEV_OR_TEST_FOLDER = /(?:^|\/)config\/(?:.*\/)?(?:dev|test)\//;
// A top-level `when@dev:` / `when@test:` block: configuration of those environments only.
const DEV_OR_TEST_BLOCK = /^when@(dev|test)\s*:/;

/** The variables of the `%env(…)%` placeholders in a text: the last part of each, and whether its `default` processor gives one. */
export function envPlaceholders(text: string): Array<{ name: string; hasDefault: boolean }> {
  return [...text.matchAll(PLACEHOLDER)].flatMap((match) => {
    const parts = (match[1] ?? '').split(':');
    const name = parts.at(-1) ?? '';
    return /^[A-Za-z_]\w*$/.test(name) ? [{ name, hasDefault: parts[0] === 'default' && parts.length > 2 }] : [];
  });
}

/**
 * Symfony's YAML configuration (config/packages/*.yaml, config/services.yaml) as PHP the PHP reader reads: each
 * line's `%env(…)%` placeholders become a string statement on that line, read as a placeholder in PHP code is.
 * The blocks and folders of the dev and test environments are left out. Undefined for any other file.
 */
export function symfonyConfigAsPhp(text: string, file: string): string | undefined {
  if (!CONFIG_FILE.test(file) || DEV_OR_TEST_FOLDER.test(file) || !text.includes('%env(')) return undefined;
  let skipped = false;
  const lines = text.split('\n').map((line) => {
    if (/^\S/.test(line) && !line.startsWith('#')) skipped = DEV_OR_TEST_BLOCK.test(line);
    if (skipped || line.trimStart().startsWith('#')) return '';
    return [...withoutYamlComment(line).matchAll(PLACEHOLDER)].map((m) => `'${m[0]}';`).join(' ');
  });
  return `<?php ${lines.join('\n')}`;
}

/** The lines of Symfony's YAML configuration whose placeholders fill a secret-named setting (`password: '%env(REDIS_AUTH)%'`). */
export const symfonySecretLines = (text: string, file: string): ReadonlySet<number> =>
  CONFIG_FILE.test(file) ? secretSettingLines(text, file, (line) => line.includes('%env(')) : new Set();

/** The `%env(X)%` placeholders in PHP strings (Symfony's PHP configuration, `#[Autowire('%env(X)%')]`, the YAML made PHP above). */
export function symfonyEnvSites(root: Node): ReadSite[] {
  if (!root.text.includes('%env(')) return [];
  return root.descendantsOfType(['string', 'encapsed_string']).flatMap((literal): ReadSite[] => {
    const text = literal && plainString(literal, ['string', 'encapsed_string']);
    if (!literal || text === undefined) return [];
    return envPlaceholders(text).map(({ name, hasDefault }) => ({
      key: literal,
      name,
      via: VIA,
      fallback: hasDefault ? { kind: 'default' } : { kind: 'none' },
      property: 'symfony',
    }));
  });
}

/** What the committed `.env` sets (Symfony loads it in every environment, under the real variables), and `env(X): d` parameters. */
function symfonyDefaults(text: string, file: string): ReadonlyMap<string, ReadFallback> {
  const defaults = new Map<string, ReadFallback>();
  const set = (name: string, value: string) => {
    const key = canonicalKey(name);
    // A value naming another variable (`${DB_HOST}`) is only as set as that one: no default of its own.
    if (key !== '' && !/\$\{?\w/.test(value)) defaults.set(key, { kind: 'default', value });
  };
  if (!file.endsWith('.env')) {
    for (const line of text.split('\n')) {
      // The value is read without its blanks, which no two quantifiers share (as `\s*(.*?)\s*$` did: cubic on a long line).
      const parameter = /^\s+env\(([A-Za-z_]\w*)\)\s*:\s*(?!\s)((?:\S(?:.*\S)?)?)\s*$/.exec(withoutYamlComment(line));
      if (parameter?.[1] !== undefined) set(parameter[1], (parameter[2] ?? '').replace(/^(['"])(.*)\1$/, '$2'));
    }
    return defaults;
  }
  readDotenv(text, (name, value) => set(name, value));
  return defaults;
}

/** Symfony's committed `.env` and config/services.yaml: what they set for the `%env()%` reads. */
export const SYMFONY_PROPERTY_FILES = {
  framework: 'symfony',
  names: /(?:^|\/)\.env$|(?:^|\/)config\/services\.ya?ml$/,
  defaults: symfonyDefaults,
} as const;
