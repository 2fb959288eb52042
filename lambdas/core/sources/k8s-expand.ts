import type { Span } from '../values/url-secrets';

/** A variable an expansion can use: its text (transient, may be a secret) and whether it is secret. */
export interface ExpandVar {
  text: string;
  secret: boolean;
}

/**
 * The most an expansion may give: Linux refuses to start a process with one environment string over
 * 128 KiB (MAX_ARG_STRLEN), so no container runs a longer one. Generous, and it stops a manifest
 * whose variables each repeat the one before from building gigabytes.
 */
export const MAX_EXPANDED_CHARS = 1 << 20;

/**
 * `$(VAR)` expansion exactly as the kubelet does it (third_party/forked/golang/expansion): known
 * names expand, `$$` is a literal `$`, unknown or unterminated references stay as written.
 * `secret` is true when a secret variable was pulled in, so the result must be fingerprinted (whole,
 * or in place where `secretSpans`, where the secrets landed, lie inside a URL's hidden parts);
 * undefined when the result would pass `limit` characters.
 */
export function expandVars(
  input: string,
  lookup: (name: string) => ExpandVar | undefined,
  limit = MAX_EXPANDED_CHARS,
): { text: string; secret: boolean; secretSpans: Span[] } | undefined {
  let out = '';
  let secret = false;
  const secretSpans: Span[] = [];
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
          if (out.length + found.text.length > limit) return undefined;
          if (found.secret) {
            secret = true;
            secretSpans.push({ start: out.length, end: out.length + found.text.length });
          }
          out += found.text;
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
  const text = out + input.slice(checkpoint);
  return text.length > limit ? undefined : { text, secret, secretSpans };
}
