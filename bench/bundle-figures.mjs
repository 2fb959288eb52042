// Figures from lambda-bundles.mjs's markdown table (that script prints markdown; its columns are
// found by their headers, so a column added there does not break this).
import { figure } from './measure.mjs';

/** `{ name, value, unit, target, met }` for each handler's bundle size and cold load (and what it loads at start, and on demand). */
export function bundleFigures(md) {
  const rows = md
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  const header = rows.shift() ?? [];
  const size = header.findIndex((h) => /^bundle/i.test(h));
  const load = header.findIndex((h) => /^cold load/i.test(h));
  const onDemand = header.findIndex((h) => /on demand/i.test(h));
  const atStart = header.findIndex((h) => /^loaded at start/i.test(h));
  const figures = [];
  for (const row of rows) {
    const [name] = row;
    const kib = parseFloat(row[size] ?? '');
    const ms = parseFloat(row[load] ?? '');
    if (size >= 0 && Number.isFinite(kib)) figures.push(figure(`lambda ${name}: bundle size`, kib, 'KiB', '< 1024'));
    if (load >= 0 && Number.isFinite(ms)) figures.push(figure(`lambda ${name}: cold load`, ms, 'ms', '< 150'));
    const startKib = parseFloat(row[atStart] ?? '');
    if (atStart >= 0 && Number.isFinite(startKib)) figures.push(figure(`lambda ${name}: loaded at start`, startKib, 'KiB'));
    const besideKib = parseFloat(row[onDemand] ?? '');
    if (onDemand >= 0 && Number.isFinite(besideKib)) figures.push(figure(`lambda ${name}: loaded on demand`, besideKib, 'KiB'));
  }
  return figures;
}
