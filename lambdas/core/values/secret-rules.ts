import { EXTRA_RULES, type AllowlistData, type PatternData, type RuleData } from './extra-secret-rules';
import data from './secret-rules/gitleaks-rules.json';
import { WordTrie } from './word-trie';

/** What allows a finding: a regex on the secret, the whole match or the line, or a stopword in the secret. */
export interface Allowlist {
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  /** Lower case, looked for in the lower-cased secret. */
  stopwords: WordTrie;
}

/** One gitleaks rule, compiled. */
export interface SecretRule {
  id: string;
  /** Global, so every match in a fragment is tried, as gitleaks does; without its lazy name prefix (see `reach`). */
  regex: RegExp;
  /**
   * How many name characters (`[\w.-]`) before a match the pattern's leading lazy prefix
   * (`[\w.-]{0,50}?`) would take into it. The prefix is cut from `regex`: it never changes what
   * matches nor the secret, only where the match starts, and costs a backtracking engine ten times
   * the rest. ruleFinds puts it back.
   */
  reach: number;
  /** The pattern as converted, prefix and all: the reference `regex` and `reach` must agree with. */
  pattern: PatternData;
  /** Lower case; the rule runs only on a fragment holding one of them (none: always). */
  keywords: string[];
  entropy?: number;
  secretGroup?: number;
  allowlists: Allowlist[];
  /**
   * The rule can draw on the name in `name = value`: its pattern reads an assignment, or a keyword
   * need not be part of the match (`facebook` before a bare token). Only these are tried with a key.
   */
  keyed: boolean;
}

const ASSIGNMENT = '(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)';

const compile = (p: PatternData, global = false): RegExp => new RegExp(p.source, global ? `${p.flags}g` : p.flags);

function allowlist(a: AllowlistData): Allowlist {
  const target = a.regexTarget === 'match' || a.regexTarget === 'line' ? a.regexTarget : 'secret';
  return { target, regexes: (a.regexes ?? []).map((r) => compile(r)), stopwords: new WordTrie(a.stopwords ?? []) };
}

/** A keyword is part of the match when the pattern spells it out (escapes aside). */
const literalIn = (source: string, keyword: string): boolean => source.replace(/\\(.)/g, '$1').toLowerCase().includes(keyword);

const NAME_PREFIX = '[\\w.-]{0,50}?';

/** The pattern without its leading lazy name prefixes (`[\w.-]{0,50}?`, once more inside a first group), and how far they reach. */
function withoutNamePrefix(p: PatternData): { source: string; reach: number } {
  let source = p.source;
  let reach = 0;
  if (source.startsWith(NAME_PREFIX)) {
    source = source.slice(NAME_PREFIX.length);
    reach += 50;
    if (source.startsWith(`(?:${NAME_PREFIX}`)) {
      source = `(?:${source.slice(3 + NAME_PREFIX.length)}`;
      reach += 50;
    }
  }
  return { source, reach };
}

/**
 * A rule whose regex and allowlists compile when first used: a run judges few values that hold a
 * keyword, so most of the 200 rules never run, and `drift validate` need not pay for them at start.
 */
class LazyRule implements SecretRule {
  readonly id: string;
  readonly reach: number;
  readonly pattern: PatternData;
  readonly keywords: string[];
  readonly entropy?: number;
  readonly secretGroup?: number;
  readonly keyed: boolean;
  private readonly source: string;
  private compiled?: RegExp;
  private lists?: Allowlist[];

  constructor(private readonly data: RuleData) {
    const keywords = data.keywords ?? [];
    const { source, reach } = withoutNamePrefix(data.regex);
    this.id = data.id;
    this.source = source;
    this.reach = reach;
    this.pattern = data.regex;
    this.keywords = keywords;
    if (data.entropy !== undefined) this.entropy = data.entropy;
    if (data.secretGroup !== undefined) this.secretGroup = data.secretGroup;
    this.keyed = data.regex.source.includes(ASSIGNMENT) || keywords.some((k) => !literalIn(data.regex.source, k));
  }

  get regex(): RegExp {
    return (this.compiled ??= compile({ source: this.source, flags: this.data.regex.flags }, true));
  }

  get allowlists(): Allowlist[] {
    return (this.lists ??= (this.data.allowlists ?? []).map(allowlist));
  }
}

/** gitleaks' rules, converted by scripts/convert-gitleaks.mjs (see secret-rules/README.md), and drift's few of its own. */
export const SECRET_RULES: readonly SecretRule[] = [...(data.rules as RuleData[]), ...EXTRA_RULES].map((r) => new LazyRule(r));

/** gitleaks' global allowlists: placeholders, templates and paths that are never secrets. */
export const GLOBAL_ALLOWLISTS: readonly Allowlist[] = (data.allowlists as AllowlistData[]).map(allowlist);
