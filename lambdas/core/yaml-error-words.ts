// The yaml package's syntax errors in words a person can act on, never quoting the text they are about.

export const TOO_DEEP = 'nested too deeply to read';

/**
 * The yaml package's messages that quote the input (`*name`, a block scalar header, an escape, a
 * tag or a directive as written), each cut to its own words: the text can be a password written
 * unquoted (`password: *Tr0ub4dor`, `value: >s3cret`), and the message reaches stderr, CI logs and,
 * from plan-run, the Lambda log and the execution's error; a source file's error reaches the audit's
 * findings, stored and sent.
 */
const QUOTING: readonly [RegExp, string][] = [
  [/^(Unresolved alias \(the anchor must be set before the alias\)):.*/, '$1'],
  [/^(Block scalar header includes extra characters):.*/, '$1'],
  [/^(Invalid escape sequence) .*/, '$1'],
  [/^(Unresolved tag|Could not resolve tag|Not a valid tag|Ordered maps must not include duplicate keys):.*/, '$1'],
  [/^Verbatim tags aren't resolved.*/, "Verbatim tags aren't resolved"],
  [/^The .* tag has no suffix$/, 'A tag has no suffix'],
  [/^(Unknown directive|Unsupported YAML version) .*/, '$1'],
  [/^Unexpected (?![,:{}[\]?-] in )\S.* in (flow map|flow sequence|collection)$/, 'Unexpected token in $1'],
  // The composer's form for any token it cannot place: `<message>: "<the token as JSON>"`.
  [/^(Unexpected [\w-]+ token in YAML stream): ".*/, '$1'],
  [/^(Not a YAML token):.*/, '$1'],
];

/** One line of the yaml package's message, without any input it quotes. */
export const withoutInput = (message: string): string => {
  const line = message.split('\n')[0] ?? '';
  for (const [pattern, words] of QUOTING) if (pattern.test(line)) return line.replace(pattern, words);
  return line;
};

/** The yaml package's error in a line; a stack overflow it caught (nesting thousands deep) said as what it is. */
export const yamlMessage = (e: { message: string; code: string }): string =>
  /maximum call stack/i.test(e.message) ? TOO_DEEP : `${withoutInput(e.message)} (${e.code})`;
