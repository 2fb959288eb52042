import type { Span } from './url-secrets';

// A secret-named setting inside a value that is not a URL: a libpq DSN (`host=db password=…`), an
// ODBC or ADO.NET connection string (`Pwd=…;`), JVM options (`-Dspring.datasource.password=…`),
// JSON or YAML text (`"password": "…"`, a line `token: …` of a block). The name starts the text or
// follows a separator, so `https://token:…@host` and `arn:…:secret:…` are left to their own rules; after a
// colon only a name starting `_`, as .npmrc scopes its settings to a registry (`//registry.npmjs.org/:_authToken=…`).
// A name whose last word is `pass` or `pw` is one too, as a key's is (`DB_PASS=…`, `"pass": "…"`,
// `-Ddb.pass=…`), not one that merely ends so (`bypass=…`). Azure's SAS signature is `sig` alone. Values run to the end of their quotes or braces, else to
// the next separator; `,` and `}` do not end them: hiding too much is better than showing a password.
// A quote or brace never closed (`password="abc`, a value cut or mistyped) hides the rest of its
// line; a bare value keeps what a backslash escapes (`password=\"pw\"` in JSON text).
const SECRET_NAME =
  '(?:[a-z0-9_.-]*?(?:password|passwd|pwd|passphrase|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|credentials?|signature))|(?:[a-z0-9_.-]*?[_.-])?(?:pass|pw)|sig';
// A name's quotes may be escaped once more: JSON text written inside a JSON string (`{\"password\": \"…\"}`),
// where the value runs to its escaped closing quote (`\"`): a passphrase's spaces and separators do not end it.
// Inside, an inner escape is an escaped backslash and what follows it (`\\\"` is a quote of the password).
const ESCAPED_QUOTED = '\\\\"((?:\\\\\\\\(?:\\\\.|[^\\\\])|\\\\[^"\\\\]|[^\\\\])*)\\\\"';
const ESCAPED_UNCLOSED = '\\\\"([^\\n]*)';
const ASSIGNMENT = new RegExp(
  `(?:^|[\\s;,?&{([]|:(?=_))(?:\\\\?["'])?(${SECRET_NAME})(?:\\\\?["'])?[ \\t]*[=:][ \\t]*(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)'|\\{([^}]*)\\}|${ESCAPED_QUOTED}|${ESCAPED_UNCLOSED}|((?:\\\\.|[^\\s;&"'<>\\\\])+)|["'{]([^\\n]*))`,
  'gi',
);
// An XML element named as a secret (Maven's settings.xml, .NET's config), with or without attributes:
// its CDATA section's text (which may hold < and &), else its text to the next tag.
const ELEMENT = new RegExp(`<(${SECRET_NAME})(?:\\s[^<>]*)?>(?:<!\\[CDATA\\[((?:(?!\\]\\]>)[\\s\\S])+)\\]\\]>|([^<]+))<`, 'gi');

// Every name ASSIGNMENT knows holds one of these: a text without any (most URLs, JSON of settings) is not scanned.
const NAME_PART = /pass|pw|secret|token|key|credential|sig/i;

/** The values of the secret-named settings written inside `text`, in order; empty for most texts, which hold no `=` or `:` or no such name. */
export function assignmentSecretSpans(text: string): Span[] {
  if ((!text.includes('=') && !text.includes(':') && !text.includes('<')) || !NAME_PART.test(text)) return [];
  const spans: Span[] = [];
  for (const m of text.matchAll(new RegExp(ELEMENT))) {
    const inCdata = m[2] !== undefined;
    const value = m[2] ?? m[3]!;
    // The text ends before the next tag's `<`, a CDATA section's before its `]]><`.
    const end = m.index + m[0].length - (inCdata ? 4 : 1);
    spans.push({ start: end - value.length, end });
  }
  for (const m of text.matchAll(new RegExp(ASSIGNMENT))) {
    const value = m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8] ?? '';
    if (value === '') continue;
    // The value is the match's last group, so it ends where the match ends, before a closing quote or brace.
    const closedBy = (m[2] ?? m[3] ?? m[4]) !== undefined ? 1 : m[5] !== undefined ? 2 : 0;
    const end = m.index + m[0].length - closedBy;
    spans.push({ start: end - value.length, end });
  }
  return spans;
}
