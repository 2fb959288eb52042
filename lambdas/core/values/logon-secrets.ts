import type { Span } from './url-secrets';

// Oracle's logon `user/password@connect`: in a JDBC thin or OCI URL
// (`jdbc:oracle:thin:scott/tiger@db:1521/ORCL`: not a URL's userinfo, so the URL rule does not see
// it), as the first word after the Oracle tools that take it (`sqlplus -s scott/tiger@db`,
// `expdp scott/tiger directory=…`), and after rman's connection words (`rman target sys/pw@db
// catalog rco/pw@rcat`). A password holding `@` is quoted (`scott/"p@ss"@db`), and hidden with its
// quotes. `sqlplus / as sysdba` names no user and no password.
const JDBC_LOGON = /\bjdbc:oracle:(?:thin|oci8?):[^\s/@:"']+\/("[^"]*"|(?:[^\s@"'\\]|\\.)+)@/gi;
const TOOL_LOGON =
  /(?:^|[\s"'`(/;&|])(?:sqlplus|sqlldr|expdp|impdp|dgmgrl)(?:\s+-[a-z]+)*\s+[^\s/@"'-][^\s/@"']*\/("[^"]*"|(?:[^\s@"'\\]|\\.)+)(?=@|\s|["']|$)/gi;
const RMAN = /(?:^|[\s"'`(/;&|])rman(?=\s)/i;
const RMAN_LOGON = /(?:^|\s)(?:target|catalog|auxiliary)[\s=]+[^\s/@"'=-][^\s/@"']*\/("[^"]*"|(?:[^\s@"'\\]|\\.)+)(?=@|\s|["']|$)/gi;
// Go's MySQL driver DSN `user:password@tcp(db:3306)/orders` (also `unix(…)`, `udp(…)`, or `@/orders`
// for the default address), often under a name such as DATABASE_URL that says nothing of a secret.
// The driver splits at the last `@`, so a password may hold one: the match runs to the last `@net(`.
const GO_DSN = /(?:^|[\s"'=])[^\s:@/"'=()]+:([^\s"']+)@(?:tcp6?|udp|unix)\(/gi;
const GO_DSN_DEFAULT_ADDRESS = /^[^\s:@/"'=()]+:([^\s"'/]+)@\/(?!\/)/;
// What every pattern needs: an Oracle word, or the `@` before a Go DSN's address. Apart, and the DSNs'
// only in a text with an `@`: together, the words were looked for a few times slower in every text.
const QUICK_WORD = /oracle|sqlplus|sqlldr|expdp|impdp|rman|dgmgrl/i;
const QUICK_DSN = /@(?:tcp6?|udp|unix)\(|^[^\s:@/]+:[^\s]*@\//i;
/** Whether `text` may hold a logon: what every pattern needs. False for most texts, which are not matched then. */
export const mayHoldLogon = (text: string): boolean =>
  text.includes('/') && (QUICK_WORD.test(text) || (text.includes('@') && QUICK_DSN.test(text)));

/** The passwords of Oracle logons and Go MySQL DSNs written in `text`; empty for most texts, which hold neither. */
export function logonSecretSpans(text: string): Span[] {
  if (!mayHoldLogon(text)) return [];
  const spans: Span[] = [];
  const patterns = [JDBC_LOGON, TOOL_LOGON, GO_DSN, GO_DSN_DEFAULT_ADDRESS, ...(RMAN.test(text) ? [RMAN_LOGON] : [])];
  for (const pattern of patterns) {
    // `d`: where the password group starts and ends.
    for (const m of text.matchAll(new RegExp(pattern, 'dgi'))) {
      const [start, end] = m.indices?.[1] ?? [0, 0];
      if (end > start) spans.push({ start, end });
    }
  }
  return spans;
}
