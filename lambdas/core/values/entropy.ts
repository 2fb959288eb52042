/** Shannon entropy of `text` in bits per character, as gitleaks computes it. */
export function shannonEntropy(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  // ASCII (nearly every credential) is counted in a table; anything else in a map.
  const counts = new Int32Array(128);
  let other: Map<string, number> | undefined;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) counts[c] = (counts[c] as number) + 1;
    else (other ??= new Map()).set(text[i] as string, (other.get(text[i] as string) ?? 0) + 1);
  }
  let bits = 0;
  const add = (count: number): void => {
    const p = count / n;
    bits -= p * Math.log2(p);
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && counts[c]) {
      add(counts[c] as number);
      counts[c] = 0;
    }
  }
  if (other) for (const count of other.values()) add(count);
  return bits;
}
