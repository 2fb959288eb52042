import type { Span } from './url-secrets';

// A command line held in one value (`JAVA_OPTS`, `MYSQL_OPTS`, a task's CMD): a secret-named long
// option takes the next word (`--password pw`, `--api-key k`, keytool's `-storepass pw`, plink's `-pw pw`). The name
// must end with the secret word, so `--password-file /run/…` and `--token-ttl 60` are not read;
// `--no-password` is a switch; a next word starting with `-` is the next option. A quote that is
// never closed (`--password "abc`, a value cut or mistyped) hides the rest of its line: its end is
// unknown. A bare word keeps what a backslash escapes (`\"pw\"` in JSON text, `pw\ with\ spaces`).
const LONG_OPTION =
  /(?:^|[\s"'(])--?(?!no-)((?:[a-z0-9]+[-_.])*?(?:password|passwd|pass|pwd|pw|passphrase|secret|token|api[-_]?key|access[-_]?key|secret[-_]?key|private[-_]?key|credentials?|(?:src|dest)?(?:store|key)pass))[ \t]+(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:\\.|[^\s"'\\-])(?:\\.|[^\s"'`)\\])*)|["']([^\n]*))/gi;

// Short options are only a password in the commands that define them so: mysql's `-p` glued to its
// value (`-p pw` prompts and `pw` is the database, as is the word after a bare `--password`),
// redis-cli's `-a pw`, sshpass's `-p pw` or `-ppw` before the command it runs, the MongoDB tools'
// and `docker login`'s `-p pw`, the OpenLDAP clients' `-w pw` (`-W` prompts).
const COMMAND =
  /(?:^|[\s"'`(/])(mysql(?:dump|admin|import|check|show|slap)?|mariadb(?:-dump|-admin|-import|-check|-show|-slap)?|redis-cli|sshpass|mongo(?:sh|dump|restore|export|import|stat|top|files)?|ldap(?:search|add|modify|delete|passwd|whoami|compare|modrdn|exop)|(?:docker|podman|buildah|skopeo|nerdctl)[ \t]+login)(?=[\s"']|$)/gi;
const SEGMENT_END = /[;|&\n`]|\$\(/g;
const VALUE = `(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)'|((?:\\\\.|[^\\s"'\`)\\\\])+)|["']([^\\n]*))`;
const MYSQL_PASSWORD = new RegExp(`(?<=^|[\\s"'])-p${VALUE}`, 'g');
const REDIS_PASSWORD = new RegExp(`(?<=[\\s"'])-a[ \\t]+(?!-)${VALUE}`, 'g');
const SPACED_P_PASSWORD = new RegExp(`(?<=[\\s"'])-p[ \\t]*(?!-)${VALUE}`, 'g');
const LDAP_PASSWORD = new RegExp(`(?<=[\\s"'])-w[ \\t]*(?!-)${VALUE}`, 'g');
const SSHPASS_TAKES_VALUE = /^-[fdP]$/;
const WORD = /\S+/g;

// A text of client options alone (`-h db -u app -ppw`, as in a MYSQL_OPTS): mysql's, when it names
// a user; a port (`-p8080`, `-p8080:80`) is not read.
const OPTIONS_ONLY = /^\s*-/;
const USER_OPTION = /(?:^|\s)-u/;
const PORT_LIKE = /^[\d:./-]+$/;

// What every option read needs: a secret word or a command's name, or mysql's `-p` glued to its value. Apart,
// as the words alone are found faster than with the option, which can start at any character.
const QUICK_WORD = /pass|pw|secret|token|key|credential|mysql|mariadb|redis-cli|mongo|ldap|login/i;
const QUICK_OPTION = /(?:^|\s)-p\S/i;

/** Whether `text` may hold a secret option: what every one read needs. False for most texts, which are not matched then. */
export const mayHoldSecretOption = (text: string): boolean => text.includes('-') && (QUICK_WORD.test(text) || QUICK_OPTION.test(text));

interface Region {
  command: string;
  start: number;
  /** Where its segment ends: an option starts before it. */
  end: number;
  /** Where the next command starts: a quoted value may run past a `;` it holds, not further. */
  window: number;
}

/** The values of secret options written as command-line words in `text`; empty for most texts, which hold no option with a secret word. */
export function optionSecretSpans(text: string): Span[] {
  if (!mayHoldSecretOption(text)) return [];
  const regions = commandRegions(text);
  const spans: Span[] = [];
  let r = 0;
  for (const m of text.matchAll(new RegExp(LONG_OPTION))) {
    while (r < regions.length && (regions[r] as Region).end <= m.index) r += 1;
    const region = regions[r];
    const name = (m[1] as string).toLowerCase();
    const inMysql = region !== undefined && region.start <= m.index && /^m(?:ysql|aria)/i.test(region.command);
    if (!(inMysql && (name === 'password' || name === 'pass'))) pushValue(spans, m, 2);
  }
  for (const region of regions) {
    const c = region.command.toLowerCase();
    if (c === 'sshpass') sshpassSpan(text, region, spans);
    else pushMatches(spans, text, region, shortPassword(c));
  }
  if (regions.length === 0 && OPTIONS_ONLY.test(text) && USER_OPTION.test(text)) {
    for (const m of text.matchAll(new RegExp(MYSQL_PASSWORD))) {
      if (!PORT_LIKE.test(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '')) pushValue(spans, m, 1);
    }
  }
  return spans;
}

/** The pattern of the short option that holds a password in `command` (sshpass aside). */
function shortPassword(command: string): RegExp {
  if (command === 'redis-cli') return REDIS_PASSWORD;
  if (command.startsWith('mongo') || command.endsWith('login')) return SPACED_P_PASSWORD;
  if (command.startsWith('ldap')) return LDAP_PASSWORD;
  return MYSQL_PASSWORD;
}

// A command ends at its segment's end or where the next one starts (`sshpass -p … mysql -p…`).
function commandRegions(text: string): Region[] {
  const regions: Region[] = [];
  const segmentEnd = new RegExp(SEGMENT_END);
  let segment = -1;
  for (const m of text.matchAll(new RegExp(COMMAND))) {
    const start = m.index + m[0].length;
    if (segment < start) {
      segmentEnd.lastIndex = start;
      segment = segmentEnd.exec(text)?.index ?? text.length;
    }
    const last = regions[regions.length - 1];
    if (last) {
      last.window = m.index;
      last.end = Math.min(last.end, m.index);
    }
    regions.push({ command: m[1] as string, start, end: segment, window: text.length });
  }
  return regions;
}

function pushMatches(spans: Span[], text: string, r: Region, pattern: RegExp): void {
  for (const m of text.slice(r.start, r.window).matchAll(new RegExp(pattern))) {
    if (m.index >= r.end - r.start) return;
    pushValue(spans, m, 1, r.start);
  }
}

/**
 * The value groups start at `first`: double-quoted, single-quoted, bare, after a quote never closed;
 * the value ends the match, before a closing quote; `m` was found at `offset` of the text.
 */
function pushValue(spans: Span[], m: RegExpMatchArray, first: number, offset = 0): void {
  const quoted = m[first] ?? m[first + 1];
  const value = quoted ?? m[first + 2] ?? m[first + 3] ?? '';
  if (value === '' || m.index === undefined) return;
  const end = offset + m.index + m[0].length - (quoted === undefined ? 0 : 1);
  spans.push({ start: end - value.length, end });
}
// sshpass's own options come before the command it runs, whose `-p` may be a port.
function sshpassSpan(text: string, r: Region, spans: Span[]): void {
  const word = new RegExp(WORD);
  word.lastIndex = r.start;
  for (let w = word.exec(text); w !== null && w.index < r.end; w = word.exec(text)) {
    const [token] = w;
    if (!token.startsWith('-')) return;
    if (token.startsWith('-p')) {
      const value = new RegExp(`[ \\t]*${VALUE}`, 'y');
      value.lastIndex = w.index + 2;
      const m = value.exec(text);
      if (m) pushValue(spans, m, 1);
      return;
    }
    if (SSHPASS_TAKES_VALUE.test(token)) word.exec(text);
  }
}
