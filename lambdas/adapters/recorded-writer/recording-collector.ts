import { readFile } from 'node:fs/promises';
import type { EnvironmentSpec, SourceSpec } from '../../core/estate/model';
import { acceptingMarkers } from '../../core/fingerprint';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { parseConfigText } from '../../core/sources/config-file';
import type { ParseContext } from '../../core/sources/context';
import { parseManifestText } from '../../core/sources/k8s';
import type { SourceCollector } from '../../ports/source-collector';
import { expandInputs } from '../recorded/read-inputs';
import { inDriftRecording } from '../recorded/recording-manifest';
import { ecsRecording, type EcsInputs } from './ecs-recording';
import { dotenvRecording, fileRecording } from './flat-recording';
import { k8sRecording } from './k8s-recording';
import type { SourceRecording } from './recorded-text';
import { ssmRecording } from './ssm-recording';

/** What a live collector parsed, handed over so it can be recorded (plain text: redacted at once). */
export type LiveInputs = { type: 'ecs'; inputs: EcsInputs } | { type: 'eks'; objects: Array<{ file: string; object: unknown }> };

/** A recorded source: its type in the written estate, and its recording. */
export interface RecordedSource {
  type: SourceSpec['type'];
  recording: SourceRecording;
}

const keyOf = (environment: string, index: number): string => `${environment}\u0000${index}`;

/** The files of `from:` with their text; what cannot be read is already the snapshot's error. */
async function readAll(from: string[], baseDir: string, trustPaths: boolean): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of from) {
    const files = await expandInputs([entry], baseDir, { trustPaths }).catch(() => []);
    for (const f of files) {
      const text = await readFile(f.abs, 'utf8').catch(() => undefined);
      if (text !== undefined) out.push({ file: f.file, text });
    }
  }
  return out;
}

const parsed = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** Makes a source's recording from the snapshot the environment finally holds for it. */
type Recorder = (final: SourceSnapshot) => RecordedSource | undefined;

/**
 * Collects through another collector and keeps what each source read, to record it in the recorded
 * formats with secrets as markers: what `drift snapshot --record` writes. A recording is made from
 * the source's final snapshot (the environment's, once an SSM parameter an ECS secret names has
 * been made secret), so it never holds what the audit would not show.
 */
export class RecordingCollector implements SourceCollector {
  private readonly live = new Map<string, LiveInputs>();
  private readonly recorders = new Map<string, Recorder>();
  private readonly made = new Map<string, RecordedSource | undefined>();

  constructor(
    private readonly inner: SourceCollector,
    private readonly baseDir: string,
    /** As the reader's: `from:` paths may lead outside the estate's folder (`--trust-estate-paths`). */
    private readonly trustPaths = false,
  ) {}

  /** The live collector's hook: what it parsed for one source. */
  readonly keep = (environment: string, label: SourceLabel, inputs: LiveInputs): void => {
    this.live.set(keyOf(environment, label.index), inputs);
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

  private async recorder(spec: SourceSpec, given: ParseContext, live: LiveInputs | undefined): Promise<Recorder> {
    // A recording of a recording keeps its markers as the reader took them: as the secrets they stand for.
    const from = 'from' in spec ? spec.from : undefined;
    const ctx = from && (await inDriftRecording(from, this.baseDir)) ? { ...given, fp: acceptingMarkers(given.fp) } : given;
    switch (spec.type) {
      case 'file':
        return (final) => ({ type: 'file', recording: fileRecording(final) });
      case 'dotenv':
        return (final) => ({ type: 'dotenv', recording: dotenvRecording(final) });
      case 'ssm':
        return (final) => ({ type: 'ssm', recording: ssmRecording(final, spec.path, spec.decrypt ?? true) });
      case 'ecs': {
        const inputs = spec.from ? await this.ecsInputs(spec.from) : live?.type === 'ecs' ? live.inputs : undefined;
        const names = {
          container: spec.container,
          ...(spec.cluster ? { cluster: spec.cluster } : {}),
          ...(spec.service ? { service: spec.service } : {}),
        };
        return () => (inputs ? { type: 'ecs', recording: ecsRecording(inputs, names, ctx) } : undefined);
      }
      case 'eks': {
        const objects = live?.type === 'eks' ? live.objects : undefined;
        return (final) =>
          objects
            ? {
                type: 'k8s',
                recording: k8sRecording(
                  { objects, workload: spec.workload, container: spec.container, namespace: spec.namespace },
                  final.observations,
                  ctx,
                ),
              }
            : undefined;
      }
      case 'k8s': {
        const objects = (await readAll(spec.from, this.baseDir, this.trustPaths)).flatMap(({ file, text }) =>
          (parsed(() => parseManifestText(text, file)) ?? []).map((object) => ({ file, object })),
        );
        return (final) => ({
          type: 'k8s',
          recording: k8sRecording(
            { objects, workload: spec.workload, container: spec.container, namespace: spec.namespace },
            final.observations,
            ctx,
          ),
        });
      }
    }
  }

  private async ecsInputs(from: string[]): Promise<EcsInputs> {
    const all = await readAll(from, this.baseDir, this.trustPaths);
    const isEnv = (f: { file: string }): boolean => /\.env$/i.test(f.file);
    const documents = all
      .filter((f) => !isEnv(f))
      .flatMap(({ file, text }) => {
        const json = parsed(() => parseConfigText(text, file));
        return json === undefined ? [] : [{ file, json }];
      });
    return { documents, envFiles: all.filter(isEnv) };
  }
}
