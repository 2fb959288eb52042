/** Edit distance where swapping two neighbours counts as one edit (`tpye` → `type`). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row.push(v);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The closest candidate to a misspelt name, if one is close enough to be a likely typo; with
 * `abbreviations` (the default), also the one candidate it begins.
 */
export function didYouMean(word: string, candidates: Iterable<string>, { abbreviations = true } = {}): string | undefined {
  const list = [...candidates];
  // An abbreviation (`prod` for `production`) is as likely as a typo.
  const prefixed = abbreviations && word.length >= 3 ? list.filter((c) => c.toLowerCase().startsWith(word.toLowerCase())) : [];
  if (prefixed.length === 1) return prefixed[0];
  const max = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of list) {
    const d = distance(word.toLowerCase(), c.toLowerCase(), max);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or nothing. */
export const suggestion = (word: string, candidates: Iterable<string>): string => {
  const s = didYouMean(word, candidates);
  return s ? ` (did you mean "${s}"?)` : '';
};
