import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { EstateProblem } from '../../core/estate/estate-error';
import { assembleEstate, parseBaselineDocument, parseEstateDocument } from '../../core/estate/parse-estate';
import { positionAt } from '../../core/estate/yaml-positions';
import { EstateLoadError } from '../../use-cases/plan-run';
import { type EstateRef, type EstateSource, type LoadedEstate } from '../../ports/estate-source';
import { ESTATE_FILE, ESTATES_PREFIX } from './bucket-layout';
import type { S3Objects } from './s3-objects';

const MAX_CACHED = 64;

const isEstateFile = (key: string): boolean => path.posix.basename(key) === ESTATE_FILE;

/** Estate files in the installation's bucket, read at pinned versions so every stage of a run sees the same one. */
export class S3EstateSource implements EstateSource {
  // Pinned versions never change: parse each once per container.
  private readonly cache = new Map<string, Promise<LoadedEstate>>();

  constructor(private readonly objects: S3Objects) {}

  async listKeys(): Promise<string[]> {
    return (await this.objects.keys(ESTATES_PREFIX)).filter(isEstateFile).sort();
  }

  load(ref: EstateRef): Promise<LoadedEstate> {
    if (!ref.versionId) return this.read(ref);
    const id = JSON.stringify([ref.key, ref.versionId, ref.baseline?.key, ref.baseline?.versionId]);
    let loaded = this.cache.get(id);
    if (!loaded) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(id, (loaded = this.read(ref)));
      loaded.catch(() => this.cache.delete(id));
    }
    return loaded;
  }

  private async read(ref: EstateRef): Promise<LoadedEstate> {
    const file = ref.key;
    const got = await this.objects.get(file, ref.versionId);
    if (!got) throw new EstateLoadError([{ file, line: 1, column: 1, message: 'cannot read the estate file: not found' }]);
    const text = got.body.toString('utf8');
    const doc = parseEstateDocument(text, file);
    if (!doc.ok) throw new EstateLoadError(doc.problems);
    const defaultName = path.posix.basename(path.posix.dirname(file));
    const hash = createHash('sha256').update(got.body);
    const pinned: EstateRef = { key: file, ...(got.versionId ? { versionId: got.versionId } : {}) };
    const record = (): LoadedEstate['baseline'] => ({
      file,
      sha256: hash.digest('hex'),
      ...(got.versionId ? { version: got.versionId } : {}),
    });
    if (typeof doc.raw.baseline !== 'string') {
      const r = assembleEstate(doc, defaultName);
      if (!r.ok) throw new EstateLoadError(r.problems);
      return { ref: pinned, estate: r.estate, baseline: record() };
    }

    const baselineKey = path.posix.normalize(path.posix.join(path.posix.dirname(file), doc.raw.baseline));
    const at = positionAt(doc.yaml, ['baseline']);
    const fail = (message: string): never => {
      const problem: EstateProblem = { ...at, message };
      throw new EstateLoadError([problem]);
    };
    if (!baselineKey.startsWith(ESTATES_PREFIX)) fail(`the baseline file ${doc.raw.baseline} is outside ${ESTATES_PREFIX}`);
    const pinnedBaseline = ref.baseline?.key === baselineKey ? ref.baseline.versionId : undefined;
    const b = await this.objects.get(baselineKey, pinnedBaseline);
    if (!b) return fail(`cannot read the baseline file ${doc.raw.baseline}: not found`);
    const baseline = parseBaselineDocument(b.body.toString('utf8'), baselineKey);
    if (!baseline.ok) throw new EstateLoadError(baseline.problems);
    const r = assembleEstate(doc, defaultName, baseline);
    if (!r.ok) throw new EstateLoadError(r.problems);
    hash.update(b.body);
    return {
      ref: { ...pinned, baseline: { key: baselineKey, ...(b.versionId ? { versionId: b.versionId } : {}) } },
      estate: r.estate,
      baseline: record(),
    };
  }
}
