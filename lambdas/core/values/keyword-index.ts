import type { SecretRule } from './secret-rules';
import { WordAutomaton } from './word-automaton';

/** Finds the rules whose keywords a text holds, as a case-insensitive search for each keyword would. */
export interface KeywordIndex {
  /** The rules (in rule order) whose keywords the text holds (and those without keywords): one pass over it. */
  rulesFor(text: string): readonly SecretRule[];
}

const ASCII_ONLY = /^[\x00-\x7f]+$/;

/**
 * A keyword index of `rules`: one pass of an automaton of the keywords over the lower-cased text
 * (keywords that are empty or not ASCII are looked for on their own).
 */
export function keywordIndex(rules: readonly SecretRule[]): KeywordIndex {
  const words = [...new Set(rules.flatMap((r) => r.keywords))];
  // The rules of each keyword, in rule order: one pass over the rules, not one per keyword.
  const wordAt = new Map(words.map((w, i) => [w, i]));
  const rulesOf: number[][] = words.map(() => []);
  rules.forEach((r, i) => {
    for (const w of new Set(r.keywords)) (rulesOf[wordAt.get(w) as number] as number[]).push(i);
  });
  const odd = words.flatMap((w, i) => (ASCII_ONLY.test(w) ? [] : [i]));
  const plain = words.flatMap((w, i) => (ASCII_ONLY.test(w) ? [i] : []));
  const automaton = new WordAutomaton(plain.map((i) => words[i] as string));
  const always = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []));

  /** Calls `hit` with each keyword the lower-cased text holds, as an index into `words`. */
  function scan(lower: string, hit: (word: number) => void): void {
    for (const i of odd) if (lower.includes(words[i] as string)) hit(i);
    automaton.scan(lower, (k) => {
      hit(plain[k] as number);
      return false;
    });
  }
  const none: readonly SecretRule[] = [];
  // The rules of a text that holds one keyword (however often): a URL's `api`, made once.
  const ofWord: (readonly SecretRule[] | undefined)[] = [];
  return {
    rulesFor(text) {
      // Nothing made for the common text, which holds no keyword, nor for one that holds one keyword.
      // The keywords of a text that holds some are few: a list, not a mark per keyword, keeps them once.
      let held: number[] | undefined;
      scan(text.toLowerCase(), (w) => {
        if (!held?.includes(w)) (held ??= []).push(w);
      });
      if (held === undefined && always.length === 0) return none;
      if (held?.length === 1 && always.length === 0)
        return (ofWord[held[0] as number] ??= (rulesOf[held[0] as number] as number[]).map((i) => rules[i] as SecretRule));
      const hits = new Set(always);
      for (const w of held ?? []) for (const r of rulesOf[w] as number[]) hits.add(r);
      return [...hits].sort((x, y) => x - y).map((i) => rules[i] as SecretRule);
    },
  };
}
