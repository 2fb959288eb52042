import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { estateVersion, loadEstate } from '../../../lambdas/adapters/estate-file';

const sha256 = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('estateVersion', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'drift-estate-'));
  const estateText =
    'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: baseline.yaml\n';
  const baselineText = 'undeclared: ignore\nkeys:\n  db.timeout: { type: duration }\n';
  writeFileSync(path.join(dir, 'drift.yaml'), estateText);
  writeFileSync(path.join(dir, 'baseline.yaml'), baselineText);

  it('is the hash of the bytes the estate and its baseline file were parsed from', async () => {
    const loaded = await loadEstate(path.join(dir, 'drift.yaml'));
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    // Files changed after loading do not change what the run says it audited.
    writeFileSync(path.join(dir, 'baseline.yaml'), `${baselineText}# edited\n`);
    expect(estateVersion(loaded.estate)).toEqual({ file: 'drift.yaml', sha256: sha256(estateText, baselineText) });
  });

  it('is the estate file alone when the baseline is inline, and unknown for an estate not loaded from a file', async () => {
    writeFileSync(path.join(dir, 'inline.yaml'), estateText.replace('baseline: baseline.yaml\n', 'baseline:\n  undeclared: ignore\n'));
    const loaded = await loadEstate(path.join(dir, 'inline.yaml'));
    if (!loaded.ok) throw new Error('inline estate did not load');
    expect(estateVersion(loaded.estate)?.sha256).toBe(
      sha256(estateText.replace('baseline: baseline.yaml\n', 'baseline:\n  undeclared: ignore\n')),
    );
    expect(estateVersion({ ...loaded.estate })).toBeUndefined();
  });
});
