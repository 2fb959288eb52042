import * as path from 'node:path';
import type { SourceSpec } from '../../core/estate/model';
import { acceptingMarkers } from '../../core/fingerprint';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { describeFailure } from '../../core/source-kinds/attempt';
import { recordedFrom } from '../../core/source-kinds/fields';
import { importFileForm } from '../../core/source-kinds/file-form-imports';
import { sourceKindOf } from '../../core/source-kinds/registry';
import type { ParseContext } from '../../core/sources/context';
import { describeFsError, expandInputsNow, sourceTotalProblem, type FolderFileFilter, type InputFile } from '../read-inputs';
import { driftRecordingOf, type ManifestsSeen } from '../recording-manifest';
import { TextFileReader } from './text-file-reader';

export interface RecordedCollectorOptions {
  /** The folder of the estate file: `from:` paths are relative to it, and stay inside it unless `trustPaths`. */
  baseDir: string;
  /** The estate file is trusted: its `from:` paths may lead anywhere (`--trust-estate-paths`). */
  trustPaths?: boolean;
}

/** One `from:` entry: its files, or why they cannot be listed. */
type Expanded = { entry: string; files: InputFile[] } | { entry: string; error: string };

/** Collects sources from recorded files (`from:`) through their kind's reader; failures become the snapshot's errors, never throws. */
export class RecordedSourceCollector {
  private readonly reader = new TextFileReader();
  /** The recording manifests found per folder: a thousand sources in one folder look once. */
  private readonly manifests: ManifestsSeen = new Map();

  constructor(private readonly opts: RecordedCollectorOptions) {}

  /** One snapshot of one declared source. */
  async collect(spec: SourceSpec, label: SourceLabel, given: ParseContext): Promise<SourceSnapshot> {
    const kind = sourceKindOf(spec);
    const from = recordedFrom(spec);
    const form = from && (await importFileForm(spec)).recorded;
    if (!from || !form) {
      return { source: label, observations: [], dangling: [], errors: [`live ${spec.type} collection is not available in this build`] };
    }
    const expanded = from.map((entry) => this.expand(entry, form.folderFile));
    // Each file is within its own limit; together they may still be more than memory holds.
    const tooMuch = sourceTotalProblem(
      from,
      expanded.flatMap((e) => ('files' in e ? e.files : [])),
    );
    if (tooMuch) return { source: label, observations: [], dangling: [], errors: [tooMuch] };
    // Fingerprint markers stand for secrets only in a recording drift wrote; anywhere else they are values.
    const recording = await driftRecordingOf(
      expanded.map((e) => manifestPath(e, this.opts.baseDir)),
      this.opts.baseDir,
      this.manifests,
    );
    const reader = form.reader(spec, recording ? { ...given, fp: acceptingMarkers(given.fp) } : given, recording);
    // Files that cannot be found or read come first, then what the kind's reader says of the others.
    const errors: string[] = [];
    for (const e of expanded) {
      if ('error' in e) {
        errors.push(e.error);
        reader.skipped?.();
        continue;
      }
      // An empty folder would make every key look missing; say so instead.
      if (e.files.length === 0) errors.push(`${e.entry}: no recorded inputs found`);
      for (const { file, abs } of e.files) {
        try {
          if (reader.input === 'text') reader.add(file, this.reader.read(abs));
          else this.reader.withBytes(abs, (bytes) => reader.add(file, bytes));
        } catch (err) {
          errors.push(describeFsError(err, file).message);
          reader.skipped?.();
        }
      }
    }
    const result = reader.finish();
    for (const e of result.errors) errors.push(e);
    const snapshot: SourceSnapshot = { source: label, observations: result.observations, dangling: result.dangling, errors };
    const referable = kind.references?.referable(spec, result);
    if (referable) snapshot.referable = referable;
    if (result.runtime) snapshot.runtime = result.runtime;
    if (result.consumers?.length) snapshot.consumers = result.consumers;
    if (result.profileDefaults?.length) snapshot.profileDefaults = result.profileDefaults;
    return snapshot;
  }

  private expand(entry: string, folderFile: FolderFileFilter | undefined): Expanded {
    try {
      const opts = { trustPaths: this.opts.trustPaths, ...(folderFile ? { folderFile } : {}) };
      return { entry, files: expandInputsNow([entry], this.opts.baseDir, opts) };
    } catch (err) {
      return { entry, error: describeFailure(err, entry) };
    }
  }
}

/**
 * Where to look for a recording manifest for one entry: the folder of an entry that is a file (a
 * file holds no manifest, and its folder's answer is shared by every file there), else the entry.
 */
function manifestPath(e: Expanded, baseDir: string): string {
  const only = 'files' in e && e.files.length === 1 ? e.files[0] : undefined;
  return only && only.abs === path.resolve(baseDir, e.entry) ? path.dirname(only.abs) : e.entry;
}
