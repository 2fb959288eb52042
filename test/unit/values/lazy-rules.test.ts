import data from '../../../lambdas/core/values/secret-rules/gitleaks-rules.json';
import { EXTRA_RULES, type AllowlistData, type RuleData } from '../../../lambdas/core/values/extra-secret-rules';
import { keywordIndex } from '../../../lambdas/core/values/keyword-index';
import { SECRET_RULES } from '../../../lambdas/core/values/secret-rules';
import { WordTrie } from '../../../lambdas/core/values/word-trie';

// The rules compile their regex and allowlists on first use: what they hold must be what an eager build gives.
describe('secret rules built on first use', () => {
  const raw = [...(data.rules as RuleData[]), ...EXTRA_RULES];

  it('compile every regex and allowlist once, as the data says', () => {
    expect(SECRET_RULES).toHaveLength(raw.length);
    SECRET_RULES.forEach((rule, i) => {
      const source = raw[i] as RuleData;
      expect(rule.id).toBe(source.id);
      expect(rule.regex).toBe(rule.regex);
      expect(rule.regex.flags).toBe(new RegExp(source.regex.source, `${source.regex.flags}g`).flags);
      expect(rule.pattern).toBe(source.regex);
      expect(rule.allowlists).toBe(rule.allowlists);
      expect(rule.allowlists.map((a) => a.regexes.map((r) => r.source))).toEqual(
        (source.allowlists ?? []).map((a: AllowlistData) => (a.regexes ?? []).map((r) => new RegExp(r.source, r.flags).source)),
      );
      expect(rule.allowlists.map((a) => a.stopwords.size)).toEqual((source.allowlists ?? []).map((a) => a.stopwords?.length ?? 0));
    });
  });

  it('find a stopword with a trie built on the first search, as a plain search for each word does', () => {
    const words = ['example', 'test', 'dummy', 'x'];
    const trie = new WordTrie(words);
    for (const text of ['myexamplekey', 'abc', 'testing', 'zzxzz', '', 'exampl']) {
      expect(trie.foundIn(text)).toBe(words.some((w) => text.includes(w)));
    }
    expect(new WordTrie(['']).foundIn('anything')).toBe(true);
  });

  it('index each keyword with its rules in rule order', () => {
    const index = keywordIndex(SECRET_RULES);
    for (const text of ['ghp_x and xoxb-1', 'AKIA and sk_live_ and glpat-', 'nothing here', 'Bearer abc']) {
      const lower = text.toLowerCase();
      const expected = SECRET_RULES.filter((r) => r.keywords.length === 0 || r.keywords.some((k) => lower.includes(k)));
      expect(index.rulesFor(text).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
  });
});
