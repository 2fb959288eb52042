const ASCII = 128;
const UNKNOWN = -2;

/**
 * Finds in one pass every place a text holds one of some ASCII words (Aho–Corasick): a table lookup
 * per character, where looking up each position's words costs a value of 200 characters several
 * microseconds. Only the trie is made at first; its fail links and the table's other entries are
 * set as texts reach them, so a command pays for the few states its texts visit, not for all of them.
 */
export class WordAutomaton {
  /** Each character code's column: the characters the words hold, from 1; 0 for every other. */
  private readonly column = new Uint8Array(ASCII);
  private readonly columns: number;
  /** `next[state * columns + column]`: the state after a character; -1 until first needed. */
  private readonly next: Int32Array;
  /** Each state's parent in the trie, and the column it is reached by. */
  private readonly parent: Int32Array;
  private readonly by: Int32Array;
  /** The state of the longest proper suffix that a word starts with; -1 until first needed. */
  private readonly fail: Int32Array;
  /** The word that ends at a state, else -1. */
  private readonly word: Int32Array;
  /** The state itself or the nearest one down its fail links where a word ends, else -1; UNKNOWN until first needed. */
  private readonly ending: Int32Array;

  /** `words`: distinct, non-empty, ASCII only. */
  constructor(words: readonly string[]) {
    const column = this.column;
    let columns = 1;
    for (const w of words) for (let i = 0; i < w.length; i++) if (column[w.charCodeAt(i)] === 0) column[w.charCodeAt(i)] = columns++;
    this.columns = columns;
    const states = 1 + words.reduce((n, w) => n + w.length, 0);
    const next = (this.next = new Int32Array(states * columns).fill(-1));
    this.parent = new Int32Array(states);
    this.by = new Int32Array(states);
    this.fail = new Int32Array(states).fill(-1);
    this.word = new Int32Array(states).fill(-1);
    this.ending = new Int32Array(states).fill(UNKNOWN);
    let count = 1;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      let s = 0;
      for (let k = 0; k < w.length; k++) {
        const c = column[w.charCodeAt(k)] as number;
        if ((next[s * columns + c] as number) < 0) {
          next[s * columns + c] = count;
          this.parent[count] = s;
          this.by[count++] = c;
        }
        s = next[s * columns + c] as number;
      }
      this.word[s] = i;
    }
    // From the start, a character no word starts with stays there.
    for (let c = 0; c < columns; c++) if ((next[c] as number) < 0) next[c] = 0;
    this.fail[0] = 0;
    this.ending[0] = -1;
  }

  private failOf(state: number): number {
    const known = this.fail[state] as number;
    if (known >= 0) return known;
    const up = this.parent[state] as number;
    return (this.fail[state] = up === 0 ? 0 : this.step(this.failOf(up), this.by[state] as number));
  }

  private step(state: number, column: number): number {
    const at = state * this.columns + column;
    const known = this.next[at] as number;
    if (known >= 0) return known;
    // No word goes on from here with this character: as from the longest suffix that a word starts with.
    return (this.next[at] = this.step(this.failOf(state), column));
  }

  private endingOf(state: number): number {
    const known = this.ending[state] as number;
    if (known !== UNKNOWN) return known;
    return (this.ending[state] = (this.word[state] as number) >= 0 ? state : this.endingOf(this.failOf(state)));
  }

  /**
   * Calls `hit` with each word `text` holds (its index in the words; once per place), until it returns
   * true; without `hit`, stops at the first. Returns whether it stopped so.
   */
  scan(text: string, hit?: (word: number) => boolean): boolean {
    const { column, columns, next, ending } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= ASCII) {
        s = 0;
        continue;
      }
      const col = column[c] as number;
      s = (next[s * columns + col] as number) >= 0 ? (next[s * columns + col] as number) : this.step(s, col);
      const e = ending[s] as number;
      if (e !== -1 && this.report(e === UNKNOWN ? this.endingOf(s) : e, hit)) return true;
    }
    return false;
  }

  /** Calls `hit` with each word that ends at `ending` and down its fail links, until it returns true; without `hit`, true when there is one. */
  private report(ending: number, hit: ((word: number) => boolean) | undefined): boolean {
    for (let e = ending; e >= 0; e = this.endingOf(this.failOf(e))) {
      if (hit === undefined || hit(this.word[e] as number)) return true;
    }
    return false;
  }
}
