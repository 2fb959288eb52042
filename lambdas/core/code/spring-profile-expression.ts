/**
 * Spring's profile expressions (`Profiles.of`), as `spring.config.activate.on-profile` and `@Profile` take them: a
 * comma-separated list matches when any of its expressions does; an expression is a profile name, `!e`, `(e)`, or
 * terms joined by `&` or by `|` (mixing the two without parentheses is malformed, as Spring says).
 */
type Matcher = (active: ReadonlySet<string>) => boolean;

const TOKEN = /\s*([()!&|]|[^\s()!&|]+)/.source;
const NAME = /^[\w.:@+-]+$/;

function tokens(text: string): string[] | undefined {
  const out: string[] = [];
  let end = 0;
  // Sticky, so tokens follow one another with nothing skipped; one per call, as a shared one keeps its lastIndex.
  const pattern = new RegExp(TOKEN, 'gy');
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(m[1] as string);
    end = pattern.lastIndex;
  }
  return text.slice(end).trim() === '' ? out : undefined;
}

/** One expression, or undefined when it is malformed. */
function parse(text: string): Matcher | undefined {
  const ts = tokens(text);
  if (!ts || ts.length === 0) return undefined;
  let at = 0;
  const term = (): Matcher | undefined => {
    const t = ts[at++];
    if (t === '!') {
      const inner = term();
      return inner && ((active) => !inner(active));
    }
    if (t === '(') {
      const inner = expression();
      return ts[at++] === ')' ? inner : undefined;
    }
    return t !== undefined && NAME.test(t) ? (active) => active.has(t) : undefined;
  };
  const expression = (): Matcher | undefined => {
    const first = term();
    if (!first) return undefined;
    const terms = [first];
    const operator = ts[at] === '&' || ts[at] === '|' ? ts[at] : undefined;
    while (operator !== undefined && ts[at] === operator) {
      at++;
      const next = term();
      if (!next) return undefined;
      terms.push(next);
    }
    if (ts[at] === '&' || ts[at] === '|') return undefined;
    return operator === '&' ? (active) => terms.every((t) => t(active)) : (active) => terms.some((t) => t(active));
  };
  const whole = expression();
  return at === ts.length ? whole : undefined;
}

/** The names of a comma-separated profile list as SPRING_PROFILES_ACTIVE writes it (`prod, mongo`), blanks dropped. */
export const profileList = (text: string): string[] =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** A list of profile expressions as one matcher, or undefined when any is malformed or the list is empty. */
export function profileMatcher(list: string): Matcher | undefined {
  const parts = list.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) return undefined;
  const matchers = parts.map(parse);
  if (matchers.some((m) => m === undefined)) return undefined;
  return (active) => matchers.some((m) => (m as Matcher)(active));
}

/** Whether a profile list or expression is one Spring reads (see profileMatcher). */
export const isProfileExpression = (list: string): boolean => profileMatcher(list) !== undefined;
