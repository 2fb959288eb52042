import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey, looksSecret } from '../../../core/keys';
import { readDotenv } from '../../../core/sources/dotenv';
import type { ReadSite } from '../read-sites';
import { plainString } from '../syntax';
import { withoutYamlComment, yamlSettings } from './spring-config';

const VIA = '%env() (Symfony)';
// `%env(DATABASE_URL)%`, with processors before the name: `%env(resolve:DATABASE_URL)%`, `%env(default::TEST_TOKEN)%`.
const PLACEHOLDER = /%env\(([\w:.\\-]*?)\)%/g;
// The configuration Symfony loads from config/ (packages, services, routes), in YAML.
const CONFIG_FILE = /(?:^|\/)config\/(?:.*\/)?[^/]+\.ya?ml$/;
// Loaded only in the dev or test environment: config/packages/dev/, config/packages/test/.
const DEV_OR_TEST_FOLDER = /(?:^|\/)config\/(?:.*\/)?(?:dev|test)\//;
// A top-level `when@dev:` / `when@test:` block: configuration of those environments only.
const DEV_OR_TEST_BLOCK = /^when@(dev|test)\s*:/;
// What symfonyConfigAsPhp wraps a placeholder in when it fills a secret-named setting: a name no code uses.
const SECRET_SETTING = 'SymfonyConfigurationSecretSetting';

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
 * line's `%env(…)%` placeholders become a string statement on that line, read as a placeholder in PHP code is
 * (one filling a secret-named setting, `password: '%env(REDIS_AUTH)%'`, marked so: its default is a secret).
 * The blocks and folders of the dev and test environments are left out. Undefined for any other file.
 */
export function symfonyConfigAsPhp(text: string, file: string): string | undefined {
  if (!CONFIG_FILE.test(file) || DEV_OR_TEST_FOLDER.test(file) || !text.includes('%env(')) return undefined;
  let skipped = false;
  const written = text.split('\n');
  const settings = yamlSettings(written);
  const lines = written.map((line, i) => {
    if (/^\S/.test(line) && !line.startsWith('#')) skipped = DEV_OR_TEST_BLOCK.test(line);
    if (skipped || line.trimStart().startsWith('#')) return '';
    const setting = settings[i];
    const secret = setting !== undefined && looksSecret(canonicalKey(setting));
    return [...withoutYamlComment(line).matchAll(PLACEHOLDER)]
      .map((m) => (secret ? `${SECRET_SETTING}('${m[0]}');` : `'${m[0]}';`))
      .join(' ');
  });
  return `<?php ${lines.join('\n')}`;
}

/** The `%env(X)%` placeholders in PHP strings (Symfony's PHP configuration, `#[Autowire('%env(X)%')]`, the YAML made PHP above). */
export function symfonyEnvSites(root: Node): ReadSite[] {
  if (!root.text.includes('%env(')) return [];
  return root.descendantsOfType(['string', 'encapsed_string']).flatMap((literal): ReadSite[] => {
    const text = literal && plainString(literal, ['string', 'encapsed_string']);
    if (!literal || text === undefined) return [];
    const secret = literal.parent?.parent?.parent?.childForFieldName('function')?.text === SECRET_SETTING;
    return envPlaceholders(text).map(({ name, hasDefault }): ReadSite => ({
      key: literal,
      name,
      via: VIA,
      fallback: hasDefault ? { kind: 'default' } : { kind: 'none' },
      property: 'symfony',
      ...(secret && { secret: true as const }),
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
      const parameter = /^\s+env\(([A-Za-z_]\w*)\)\s*:\s*(.*?)\s*$/.exec(withoutYamlComment(line));
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
