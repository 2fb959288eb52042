import type { CodeRead } from '../../core/code/code-read';

/** A Rails application's database settings: Active Record reads them beside DATABASE_URL. */
export const RAILS_DATABASE = /(^|\/)config\/database\.yml$/;

/**
 * What a Rails application's Active Record reads without its code naming it: DATABASE_URL, merged over
 * config/database.yml when set (Rails' own rule), so an application set up by that file alone runs without
 * it: a default, computed. A file that names the variable itself (`url: <%= ENV['DATABASE_URL'] %>`) has that
 * read from the Ruby reader, with its own fallback: none here.
 */
export function railsDatabaseReads(text: string, file: string): CodeRead[] {
  if (/(?<![A-Za-z0-9_])DATABASE_URL(?![A-Za-z0-9_])/.test(text)) return [];
  return [
    {
      name: 'DATABASE_URL',
      key: 'database.url',
      file,
      line: 1,
      column: 1,
      language: 'ruby',
      via: 'Active Record (config/database.yml)',
      fallback: { kind: 'default' },
    },
  ];
}
