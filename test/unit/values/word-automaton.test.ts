import fc from 'fast-check';
import { WordAutomaton } from '../../../lambdas/core/values/word-automaton';

// Few letters make words that overlap, hold one another and share suffixes: where fail links go wrong.
const letter = fc.constantFrom('a', 'b', 'c', '.', '_');
const wordOf = fc.array(letter, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
// And characters no word holds, one beyond ASCII, one whose lower case is ASCII.
const textOf = fc.array(fc.oneof(letter, fc.constantFrom('z', 'A', 'é', '\u212a')), { maxLength: 30 }).map((cs) => cs.join(''));

/** How many places `text` holds `word`, overlapping ones too. */
function occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) n++;
  return n;
}

describe('WordAutomaton', () => {
  it('reports each word once per place the text holds it, as a plain search for each word finds', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(wordOf, { minLength: 1, maxLength: 8 }),
        fc.array(textOf, { minLength: 1, maxLength: 4 }),
        (words, texts) => {
          // One automaton for several texts: a table filled by one is right for the next.
          const automaton = new WordAutomaton(words);
          for (const text of texts) {
            const counts = words.map(() => 0);
            const stopped = automaton.scan(text, (w) => {
              counts[w] = (counts[w] as number) + 1;
              return false;
            });
            expect(stopped).toBe(false);
            expect(counts).toEqual(words.map((w) => occurrences(text, w)));
            expect(automaton.scan(text)).toBe(words.some((w) => text.includes(w)));
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('stops at the first word `hit` accepts', () => {
    const automaton = new WordAutomaton(['ab', 'b', 'bc']);
    const seen: number[] = [];
    expect(
      automaton.scan('abc', (w) => {
        seen.push(w);
        return w === 1;
      }),
    ).toBe(true);
    expect(seen).toEqual([0, 1]);
  });
});
