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
const RMAN_LOGON = /(?:^|\s)(?:target|catalog|auxiliary)[\s=]+[^\s/@"'-][^\s/@"']*\/("[^"]*"|(?:[^\s@"'\\]|\\.)+)(?=@|\s|["']|$)/gi;
const QUICK = /oracle|sqlplus|sqlldr|expdp|impdp|rman|dgmgrl/i;

/** The passwords of Oracle logons written in `text`; empty for most texts, which name no Oracle tool or URL. */
export function logonSecretSpans(text: string): Span[] {
  if (!text.includes('/') || !QUICK.test(text)) return [];
  const spans: Span[] = [];
  for (const pattern of RMAN.test(text) ? [JDBC_LOGON, TOOL_LOGON, RMAN_LOGON] : [JDBC_LOGON, TOOL_LOGON]) {
    for (const m of text.matchAll(new RegExp(pattern))) {
      const password = m[1] as string;
      const end = m.index + m[0].length - (pattern === JDBC_LOGON ? 1 : 0);
      spans.push({ start: end - password.length, end });
    }
  }
  return spans;
}
