/**
 * A glob as people write it, `*` any run of characters and `?` exactly one, everything else literal,
 * as a test on whole texts. Matched by walking both texts (O(glob × text) at worst), not by a regular
 * expression: `^.*a.*a.*a…$` backtracks exponentially on a long text that almost matches, so a
 * glob of ten stars in drift.yaml hung the audit on an 80-character key. `star` and `one` may be
 * other characters (key globs carry them through key canonicalisation as control characters).
 */
export function wildcardTest(glob: string, star = '*', one = '?'): (text: string) => boolean {
  return (text) => {
    let g = 0;
    let t = 0;
    // The last star seen, and where in the text its run would end next if what follows it fails.
    let lastStar = -1;
    let resume = 0;
    while (t < text.length) {
      const c = glob[g];
      if (g < glob.length && c !== star && (c === one || c === text[t])) {
        g++;
        t++;
      } else if (c === star) {
        lastStar = g++;
        resume = t;
      } else if (lastStar >= 0) {
        g = lastStar + 1;
        t = ++resume;
      } else return false;
    }
    while (glob[g] === star) g++;
    return g === glob.length;
  };
}
