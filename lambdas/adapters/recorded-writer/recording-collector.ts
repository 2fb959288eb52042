import { readFile } from 'node:fs/promises';
import type { EnvironmentSpec, SourceSpec } from '../../core/estate/model';
import { acceptingMarkers } from '../../core/fingerprint';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { recordedFrom } from '../../core/source-kinds/fields';
import type { ParseContext } from '../../core/sources/context';
import type { SourceCollector } from '../../ports/source-collector';
import { expandInputs, sourceTotalProblem, type InputFile } from '../read-inputs';
import { driftRecordingOf, type ManifestsSeen } from '../recording-manifest';
import { fileFormOf } from '../../core/source-kinds/file-forms';
import type { RecordedSource, Recorder } from '../../core/source-kinds/source-kind';

export type { RecordedSource } from '../../core/source-kinds/source-kind';

const keyOf = (environment: string, index: number): string => `${environment}\u0000${index}`;

/** The files of `from:` with their text; what cannot be read is already the snapshot's error. */
async function readAll(from: string[], baseDir: string, trustPaths: boolean): Promise<Array<{ file: string; text: string }>> {
  const files: InputFile[] = [];
  for (const entry of from) for (const f of await expandInputs([entry], baseDir, { trustPaths }).catch(() => [])) files.push(f);
  // Over the limit, the collector has refused the source already: nothing to record.
  if (sourceTotalProblem(from, files)) return [];
  const out: Array<{ file: string; text: string }> = [];
  for (const f of files) {
    const text = await readFile(f.abs, 'utf8').catch(() => undefined);
    if (text !== undefined) out.push({ file: f.file, text });
  }
  return out;
}

/**
 * Collects through another collector and keeps what each source read, to record it in the recorded
 * formats with secrets as markers: what `drift snapshot --record` writes. A recording is made from
 * the source's final snapshot (the environment's, once an SSM parameter an ECS secret names has
 * been made secret), so it never holds what the audit would not show.
 */
export class RecordingCollector implements SourceCollector {
  private readonly live = new Map<string, unknown>();
  private readonly recorders = new Map<string, Recorder>();
  private readonly made = new Map<string, RecordedSource | undefined>();
  /** The recording manifests found per folder: every source of one folder looks once. */
  private readonly manifests: ManifestsSeen = new Map();

  constructor(
    private readonly inner: SourceCollector,
    private readonly baseDir: string,
    /** As the reader's: `from:` paths may lead outside the estate's folder (`--trust-estate-paths`). */
    private readonly trustPaths = false,
  ) {}

  /** The live collector's hook: what it parsed for one source, as its kind keeps it. */
  readonly keep = (environment: string, label: SourceLabel, kept: unknown): void => {
    this.live.set(keyOf(environment, label.index), kept);
  };

  /** The recording of one source of one environment, from the snapshot the environment holds for it; absent when nothing was read. */
  recordingOf(environment: string, index: number, final: SourceSnapshot): RecordedSource | undefined {
    const key = keyOf(environment, index);
    if (!this.made.has(key)) this.made.set(key, this.recorders.get(key)?.(final));
    return this.made.get(key);
  }

  async collect(spec: SourceSpec, label: SourceLabel, ctx: ParseContext, env: EnvironmentSpec): Promise<SourceSnapshot> {
    const snapshot = await this.inner.collect(spec, label, ctx, env);
    const key = keyOf(env.name, spec.index);
    const live = this.live.get(key);
    this.live.delete(key);
    this.recorders.set(key, await this.recorder(spec, ctx, live));
    return snapshot;
  }

  private async recorder(spec: SourceSpec, given: ParseContext, kept: unknown): Promise<Recorder> {
    // A recording of a recording keeps its markers as the reader took them: as the secrets they stand for.
    const from = recordedFrom(spec);
    const recorded = from ? await driftRecordingOf(from, this.baseDir, this.manifests) : undefined;
    const ctx = recorded ? { ...given, fp: acceptingMarkers(given.fp) } : given;
    const form = fileFormOf(spec).recording;
    const files = from && form.readsFiles ? await readAll(from, this.baseDir, this.trustPaths) : undefined;
    // What a live reader kept is its own kind's (LIVE_KINDS checks the types agree): handed back to the same kind.
    return form.prepare(spec, ctx, {
      ...(kept !== undefined ? { kept: kept as never } : {}),
      ...(files ? { files } : {}),
      ...(recorded ? { recording: recorded } : {}),
    });
  }
}
