import { secretSettingLines } from './config-file-settings';

const blank = (text: string): string => text.replace(/[^\n]/g, ' ');

/**
 * The Ruby of an ERB template (`config/database.yml`, a view) at the places it is written, everything
 * else blanked (lines kept, so positions stay): `<%= ENV.fetch("DB_HOST") { "127.0.0.1" } %>` is read
 * as the Ruby it holds. Each tag ends a statement, so `<% if a %>…<% end %>` is `if a; end;`. Comments
 * (`<%#`) and escaped tags (`<%%`) hold no code. Undefined when the text holds no tag: no Ruby at all.
 */
export function erbRuby(text: string): string | undefined {
  if (!text.includes('<%')) return undefined;
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<%', at);
    if (open < 0) return out + blank(text.slice(at));
    out += blank(text.slice(at, open));
    if (text.startsWith('<%%', open)) {
      out += '   ';
      at = open + 3;
      continue;
    }
    const mark = text[open + 2];
    const lead = mark === '=' || mark === '-' || mark === '#' ? 1 : 0;
    const close = text.indexOf('%>', open + 2 + lead);
    const body = text.slice(open + 2 + lead, close < 0 ? text.length : close);
    // `-%>` trims the line after the tag: the `-` is ERB's, not Ruby's.
    out += ' '.repeat(2 + lead) + (mark === '#' ? blank(body) : body.replace(/-$/, ' '));
    if (close < 0) return out;
    out += '; ';
    at = close + 2;
  }
}

// A top-level section of a Rails YAML file for the environment a developer or the tests run: `development:`, `"test": &test`.
const DEV_OR_TEST_SECTION = /^(["']?)(?:development|test)\1[ \t]*:[ \t]*(?:&([\w-]+)[ \t]*)?(?:#.*)?$/;

/**
 * A Rails YAML file (`config/database.yml`, `cable.yml`, a `config_for` file) without its `development:` and `test:`
 * sections, blanked (lines kept): Rails takes the section RAILS_ENV names, and those two run only on a developer's machine
 * and under the tests. A section another merges in by its anchor (`production: <<: *dev`) is kept.
 */
export function withoutDevAndTestSections(text: string): string {
  const lines = text.split('\n');
  let dropping = false;
  return lines
    .map((line) => {
      // A section ends at the next line written at the top, other than a comment.
      if (/^[^\s#]/.test(line)) {
        const section = DEV_OR_TEST_SECTION.exec(line);
        const anchor = section?.[2];
        dropping = section !== null && (anchor === undefined || !mergesAnchor(text, anchor));
      }
      return dropping ? blank(line) : line;
    })
    .join('\n');
}

/** Whether the text refers to `&anchor` as a whole alias (`*dev`, not `*dev_base` or `*devise`). */
const mergesAnchor = (text: string, anchor: string): boolean => new RegExp(`\\*${anchor.replace(/[-]/g, '\\-')}(?![\\w-])`).test(text);

/** The lines of an ERB YAML file (`config/database.yml`) whose tags fill a secret-named setting: `password: <%= ENV.fetch("PGPASS") %>`. */
export const erbSecretLines = (text: string, file: string): ReadonlySet<number> =>
  /\.ya?ml$/.test(file) ? secretSettingLines(text, file, (line) => line.includes('<%')) : new Set();
