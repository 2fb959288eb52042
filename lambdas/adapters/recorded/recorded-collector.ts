import type { SourceSpec } from '../../core/estate/model';
import { acceptingMarkers } from '../../core/fingerprint';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { describeFailure } from '../../core/source-kinds/attempt';
import { recordedFrom } from '../../core/source-kinds/fields';
import { sourceKindOf } from '../../core/source-kinds/registry';
import type { ParseContext } from '../../core/sources/context';
import { describeFsError, expandInputs } from '../read-inputs';
import { inDriftRecording } from '../recording-manifest';
import { TextFileReader } from './text-file-reader';

export interface RecordedCollectorOptions {
  /** The folder of the estate file: `from:` paths are relative to it, and stay inside it unless `trustPaths`. */
  baseDir: string;
  /** The estate file is trusted: its `from:` paths may lead anywhere (`--trust-estate-paths`). */
  trustPaths?: boolean;
}

/** Collects sources from recorded files (`from:`) through their kind's reader; failures become the snapshot's errors, never throws. */
export class RecordedSourceCollector {
  private readonly reader = new TextFileReader();
  /** The recording manifests found per folder: a thousand sources in one folder look once. */
  private readonly manifests = new Map<string, Promise<boolean>>();

  constructor(private readonly opts: RecordedCollectorOptions) {}

  /** One snapshot of one declared source. */
  async collect(spec: SourceSpec, label: SourceLabel, given: ParseContext): Promise<SourceSnapshot> {
    const kind = sourceKindOf(spec);
    const from = recordedFrom(spec);
    const form = kind.recorded;
    if (!from || !form) {
      return { source: label, observations: [], dangling: [], errors: [`live ${spec.type} collection is not available in this build`] };
    }
    // Fingerprint markers stand for secrets only in a recording drift wrote; anywhere else they are values.
    const ctx = (await inDriftRecording(from, this.opts.baseDir, this.manifests)) ? { ...given, fp: acceptingMarkers(given.fp) } : given;
    const reader = form.reader(spec, ctx);
    // Files that cannot be found or read come first, then what the kind's reader says of the others.
    const errors: string[] = [];
    await this.eachFile(from, errors, (file, abs) =>
      reader.input === 'text'
        ? this.reader.read(abs).then((text) => reader.add(file, text))
        : this.reader.withBytes(abs, (bytes) => reader.add(file, bytes)),
    );
    const result = reader.finish();
    for (const e of result.errors) errors.push(e);
    const snapshot: SourceSnapshot = { source: label, observations: result.observations, dangling: result.dangling, errors };
    const referable = kind.references?.referable(spec, result);
    if (referable) snapshot.referable = referable;
    if (result.runtime) snapshot.runtime = result.runtime;
    return snapshot;
  }

  /** Hands each file of `from` to `use`, in order; what cannot be found or read becomes an error line. */
  private async eachFile(from: string[], errors: string[], use: (file: string, abs: string) => Promise<void>): Promise<void> {
    for (const entry of from) {
      let files;
      try {
        files = await expandInputs([entry], this.opts.baseDir, { trustPaths: this.opts.trustPaths });
      } catch (err) {
        errors.push(describeFailure(err, entry));
        continue;
      }
      // An empty folder would make every key look missing; say so instead.
      if (files.length === 0) errors.push(`${entry}: no recorded inputs found`);
      for (const { file, abs } of files) {
        try {
          await use(file, abs);
        } catch (err) {
          errors.push(describeFsError(err, file).message);
        }
      }
    }
  }
}
