import type { SecretRule } from './secret-rules';

/** Finds the rules whose keywords a text holds, as a case-insensitive search for each keyword would. */
export interface KeywordIndex {
  /** True when the text holds any keyword: the prefilter, one pass for the common value. */
  any(text: string): boolean;
  /** The rules (in rule order) whose keywords the text holds (and those without keywords). */
  rulesFor(text: string): readonly SecretRule[];
}

const ASCII = 128;

/**
 * A keyword index of `rules`: one pass over the lower-cased text, each position looked up by its
 * first two characters in a table of the keywords that start so (keywords that are not ASCII or
 * shorter than two characters are looked for on their own).
 */
export function keywordIndex(rules: readonly SecretRule[]): KeywordIndex {
  const words = [...new Set(rules.flatMap((r) => r.keywords))];
  // The rules of each keyword, in rule order: one pass over the rules, not one per keyword.
  const wordAt = new Map(words.map((w, i) => [w, i]));
  const rulesOf: number[][] = words.map(() => []);
  rules.forEach((r, i) => {
    for (const w of new Set(r.keywords)) (rulesOf[wordAt.get(w) as number] as number[]).push(i);
  });
  const pair = (w: string): number =>
    w.length < 2 || w.charCodeAt(0) >= ASCII || w.charCodeAt(1) >= ASCII ? -1 : w.charCodeAt(0) * ASCII + w.charCodeAt(1);
  const odd = words.flatMap((w, i) => (pair(w) < 0 ? [i] : []));
  // The keywords starting with each pair of characters: `byPair[first[p] .. end[p])`. Set for the
  // pairs that start a keyword only (a pass over all 16,384 pairs costs a start 3 ms, interpreted).
  const ordered = words
    .map((w, i) => [pair(w), i] as const)
    .filter(([p]) => p >= 0)
    .sort((a, b) => a[0] - b[0]);
  const byPair = Int32Array.from(ordered.map(([, i]) => i));
  const first = new Int32Array(ASCII * ASCII);
  const end = new Int32Array(ASCII * ASCII);
  ordered.forEach(([p], k) => {
    if (end[p] === 0) first[p] = k;
    end[p] = k + 1;
  });
  const always = rules.flatMap((r, i) => (r.keywords.length === 0 ? [i] : []));

  /** Calls `hit` with each keyword the lower-cased text holds, as an index into `words`, until it returns true. */
  function scan(lower: string, hit: (word: number) => boolean): void {
    for (const i of odd) if (lower.includes(words[i] as string) && hit(i)) return;
    let a = lower.charCodeAt(0);
    for (let at = 0; at + 1 < lower.length; at++) {
      const b = lower.charCodeAt(at + 1);
      if (a < ASCII && b < ASCII) {
        const p = a * ASCII + b;
        for (let k = first[p] as number; k < (end[p] as number); k++) {
          const i = byPair[k] as number;
          if (lower.startsWith(words[i] as string, at) && hit(i)) return;
        }
      }
      a = b;
    }
  }
  const none: readonly SecretRule[] = [];
  return {
    any(text) {
      if (always.length) return true;
      // The scan without its callback: this is the test nearly every value and key gets.
      const lower = text.toLowerCase();
      for (const i of odd) if (lower.includes(words[i] as string)) return true;
      let a = lower.charCodeAt(0);
      for (let at = 0; at + 1 < lower.length; at++) {
        const b = lower.charCodeAt(at + 1);
        if (a < ASCII && b < ASCII) {
          const p = a * ASCII + b;
          for (let k = first[p] as number; k < (end[p] as number); k++)
            if (lower.startsWith(words[byPair[k] as number] as string, at)) return true;
        }
        a = b;
      }
      return false;
    },
    rulesFor(text) {
      // One pass, and nothing made for the common text, which holds no keyword. The rules of a
      // text that holds some are few: a list, not a mark per rule, keeps them once.
      let hits: number[] | undefined = always.length ? always.slice() : undefined;
      scan(text.toLowerCase(), (w) => {
        for (const r of rulesOf[w] as number[]) if (!hits?.includes(r)) (hits ??= []).push(r);
        return false;
      });
      if (hits === undefined) return none;
      if (hits.length > 1) hits.sort((x, y) => x - y);
      return hits.map((i) => rules[i] as SecretRule);
    },
  };
}
