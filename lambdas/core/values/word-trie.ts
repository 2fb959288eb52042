interface Node {
  next: Map<number, Node>;
  end: boolean;
}

/**
 * Words to look for inside texts: gitleaks' generic rule allows a secret that holds any of some
 * 1,400 stopwords, and looking for each in turn costs more than the rest of the rule.
 */
export class WordTrie {
  private built?: Node;
  readonly size: number;

  constructor(readonly words: readonly string[]) {
    this.size = words.length;
  }

  // Built on the first search: most allowlists are never consulted in a run.
  private get root(): Node {
    if (this.built) return this.built;
    const root: Node = { next: new Map(), end: false };
    for (const w of this.words) {
      let node = root;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map(), end: false }));
        node = child;
      }
      node.end = true;
    }
    return (this.built = root);
  }

  /** True when `text` holds one of the words: the trie is walked from each position. */
  foundIn(text: string): boolean {
    const root = this.root;
    if (root.end) return true; // the empty word
    for (let start = 0; start < text.length; start++) {
      let node: Node | undefined = root;
      for (let i = start; node && i < text.length; i++) {
        node = node.next.get(text.charCodeAt(i));
        if (node?.end) return true;
      }
    }
    return false;
  }
}
