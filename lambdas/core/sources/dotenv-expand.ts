import type { Span } from '../values/url-secrets';
import type { ExpandVar } from './k8s-expand';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
// `${NAME}`, `${NAME:-d}`, `${NAME-d}`, `${NAME:?e}`, `${NAME?e}`, `${NAME:+a}`, `${NAME+a}`.
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/;

/** Where the `}` closing the `${` at `open` is, counting nested `${…}` in defaults; -1 if none. */
function closingBrace(input: string, open: number): number {
  let depth = 0;
  for (let i = open; i < input.length; i++) {
    if (input[i] === '$' && input[i + 1] === '{') {
      depth++;
      i++;
    } else if (input[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A dotenv value with its `$NAME` and `${NAME…}` references expanded as Docker Compose's dotenv
 * (compose-go) expands them from the variables defined before it: `$$` is a literal `$`, defaults
 * and alternatives nest. Compose also looks in the shell it runs in; drift cannot see that shell,
 * so a reference to a name the file has not set, with no default to take, stays as written.
 * `secret` is true when a secret variable was pulled in, and `secretSpans` says where in `text`; undefined past `limit` characters.
 * The default of a secret-named variable (`${DB_PASSWORD:-…}`, by `secretName`) is what that variable holds where it
 * is unset: a secret pulled in too.
 */
export function expandDotenv(
  input: string,
  lookup: (name: string) => ExpandVar | undefined,
  limit: number,
  secretName: (name: string) => boolean = () => false,
): { text: string; secret: boolean; secretSpans: Span[] } | undefined {
  if (input.indexOf('$') < 0) return { text: input, secret: false, secretSpans: [] };
  let out = '';
  let secret = false;
  const secretSpans: Span[] = [];
  const pulled = (part: ExpandVar, start: number) => {
    if (!part.secret) return;
    secret = true;
    secretSpans.push({ start, end: start + part.text.length });
  };
  let i = 0;
  const add = (text: string): boolean => {
    out += text;
    return out.length <= limit;
  };
  while (i < input.length) {
    const dollar = input.indexOf('$', i);
    if (dollar < 0 || dollar + 1 >= input.length) break;
    if (!add(input.slice(i, dollar))) return undefined;
    const next = input[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(input, dollar);
      const m = close < 0 ? null : BRACED.exec(input.slice(dollar + 2, close));
      if (!m) {
        out += '${';
        i = dollar + 2;
        continue;
      }
      const found = lookup(m[1] as string);
      const op = m[2];
      const written = input.slice(dollar, close + 1);
      let part: { text: string; secret: boolean } | undefined = { text: written, secret: false };
      if (op === undefined || op.endsWith('?')) {
        if (found && (op !== ':?' || found.text !== '')) part = found;
      } else if (op.endsWith('-')) {
        const useDefault = !found || (op === ':-' && found.text === '');
        part = useDefault ? expandDotenv(m[3] as string, lookup, limit, secretName) : found;
        if (useDefault && part && !part.secret && part.text !== '' && secretName(m[1] as string)) part = { text: part.text, secret: true };
      } else if (found) {
        const useAlternative = op === '+' || found.text !== '';
        part = useAlternative ? expandDotenv(m[3] as string, lookup, limit, secretName) : { text: '', secret: false };
      }
      const start = out.length;
      if (!part || !add(part.text)) return undefined;
      pulled(part, start);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(input.slice(dollar + 1))?.[0];
    const found = name === undefined ? undefined : lookup(name);
    if (!found) {
      out += name === undefined ? '$' : `$${name}`;
    } else {
      const start = out.length;
      if (!add(found.text)) return undefined;
      pulled(found, start);
    }
    i = dollar + 1 + (name?.length ?? 0);
  }
  return add(input.slice(i)) ? { text: out, secret, secretSpans } : undefined;
}
