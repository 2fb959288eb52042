/** A line of an edit script: kept, removed from the old text, or added in the new one. */
type Line = { op: ' ' | '-' | '+'; text: string; a: number; b: number };

/** The line edit script of two texts: common prefix and suffix kept, the middle by longest common subsequence. */
function editScript(a: string[], b: string[]): Line[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..]; adoptions change a few lines, so the middle is small.
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      (lcs[i] as number[])[j] = x[i] === y[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, lcs[i]?.[j + 1] ?? 0);
  const out: Line[] = a.slice(0, pre).map((text, i) => ({ op: ' ', text, a: i, b: i }));
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) out.push({ op: ' ', text: x[i++] as string, a: pre + i - 1, b: pre + j++ });
    // Removals before additions, as `diff -u` prints a changed line.
    else if (i < x.length && (j >= y.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)))
      out.push({ op: '-', text: x[i++] as string, a: pre + i - 1, b: pre + j });
    else out.push({ op: '+', text: y[j++] as string, a: pre + i, b: pre + j - 1 });
  }
  a.slice(a.length - suf).forEach((text, k) => out.push({ op: ' ', text, a: a.length - suf + k, b: b.length - suf + k }));
  return out;
}

const CONTEXT = 3;

// A YAML text holds no NUL: what tells a last line without its newline from the same line with one.
const NO_EOL = '\u0000';
const NO_EOL_NOTE = '\\ No newline at end of file';

/** A text's lines: a final newline ends the last line and starts no other; a last line without one is marked. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** A line of a hunk as `diff -u` prints it, followed by its note when the file ends on it without a newline. */
const hunkLine = (l: Line): string =>
  l.text.endsWith(NO_EOL) ? `${l.op}${l.text.slice(0, -NO_EOL.length)}\n${NO_EOL_NOTE}` : `${l.op}${l.text}`;

/** The unified diff (`diff -u`) of two texts under one file name; empty when they are the same. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const script = editScript(linesOf(before), linesOf(after));
  const changed = script.map((l, k) => (l.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, (changed[k] as number) - CONTEXT);
    let end = (changed[k] as number) + CONTEXT;
    while (k + 1 < changed.length && (changed[k + 1] as number) - CONTEXT <= end + 1) end = (changed[++k] as number) + CONTEXT;
    k++;
    const hunk = script.slice(start, Math.min(script.length, end + 1));
    const first = hunk[0] as Line;
    const olds = hunk.filter((l) => l.op !== '+').length;
    const news = hunk.filter((l) => l.op !== '-').length;
    out.push(`@@ -${first.a + (olds ? 1 : 0)},${olds} +${first.b + (news ? 1 : 0)},${news} @@`, ...hunk.map(hunkLine));
  }
  return `${out.join('\n')}\n`;
}
