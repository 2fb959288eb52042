/** A variable an expansion can use: its text (transient, may be a secret) and whether it is secret. */
export interface ExpandVar {
  text: string;
  secret: boolean;
}

/**
 * `$(VAR)` expansion exactly as the kubelet does it (third_party/forked/golang/expansion): known
 * names expand, `$$` is a literal `$`, unknown or unterminated references stay as written.
 * `secret` is true when a secret variable was pulled in, so the result must be fingerprinted.
 */
export function expandVars(input: string, lookup: (name: string) => ExpandVar | undefined): { text: string; secret: boolean } {
  let out = '';
  let secret = false;
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') {
      out += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) {
        out += '$(';
      } else {
        const name = input.slice(cursor + 2, close);
        const found = lookup(name);
        if (found) {
          out += found.text;
          secret ||= found.secret;
        } else {
          out += `$(${name})`;
        }
        advance = close - cursor;
      }
    } else {
      out += `$${next}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return { text: out + input.slice(checkpoint), secret };
}
