import { shannonEntropy } from './entropy';
import { GLOBAL_ALLOWLISTS, type Allowlist, type SecretRule } from './secret-rules';

/** What gitleaks calls the secret of a match: the rule's secret group, else the first non-empty group, else the match. */
function secretOf(rule: SecretRule, m: RegExpExecArray): string {
  if (rule.secretGroup !== undefined) return m[rule.secretGroup] ?? '';
  for (let i = 1; i < m.length; i++) if (m[i]) return m[i] as string;
  return m[0];
}

function allowed(lists: readonly Allowlist[], secret: string, match: string, line: string): boolean {
  for (const a of lists) {
    const target = a.target === 'match' ? match : a.target === 'line' ? line : secret;
    if (a.regexes.some((r) => r.test(target))) return true;
    if (a.stopwords.size && a.stopwords.foundIn(secret.toLowerCase())) return true;
  }
  return false;
}

/** True when `secret` is allowed by gitleaks' global allowlists (placeholders, paths, `true`…). */
export const globallyAllowed = (secret: string): boolean => allowed(GLOBAL_ALLOWLISTS, secret, secret, secret);

/**
 * Whether the match `m` of `rule` in `fragment` (read as `match`, from where it starts) finds a secret
 * that counts: inside `within` when given, above the entropy threshold, not allowed.
 */
export function matchCounts(rule: SecretRule, m: RegExpExecArray, match: string, fragment: string, within: string | undefined): boolean {
  const secret = secretOf(rule, m);
  if (secret === '' || (within !== undefined && !within.includes(secret))) return false;
  if (rule.entropy !== undefined && shannonEntropy(secret) <= rule.entropy) return false;
  return !allowed(GLOBAL_ALLOWLISTS, secret, match, fragment) && !allowed(rule.allowlists, secret, match, fragment);
}

/**
 * Whether `rule` finds a secret in `fragment` as gitleaks would (every match; entropy above the
 * rule's threshold; not allowed by the global or the rule's allowlists). Its keywords are the
 * caller's to check. With `within`, only a secret inside it counts: the value of `name=value`.
 */
export function ruleFinds(rule: SecretRule, fragment: string, within?: string): boolean {
  const re = rule.regex;
  let from = 0;
  re.lastIndex = 0;
  for (let m = re.exec(fragment); m !== null; m = re.exec(fragment)) {
    const end = m.index + m[0].length;
    if (m[0] === '') re.lastIndex++;
    if (matchCounts(rule, m, fragment.slice(matchStart(rule, fragment, m.index, from), end), fragment, within)) {
      re.lastIndex = 0;
      return true;
    }
    from = end;
  }
  return false;
}

const NAME_CHAR = /[\w.-]/;

/**
 * Where the match would start with the pattern's lazy name prefix: as far back as `reach` name
 * characters go, not before the end of the previous match (where the search resumed).
 */
function matchStart(rule: SecretRule, fragment: string, at: number, from: number): number {
  let start = at;
  while (start > from && at - start < rule.reach && NAME_CHAR.test(fragment[start - 1] as string)) start--;
  return start;
}
