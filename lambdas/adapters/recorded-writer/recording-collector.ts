import { readFile } from 'node:fs/promises';
import type { EnvironmentSpec, SourceSpec } from '../../core/estate/model';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { parseConfigText } from '../../core/sources/config-file';
import type { ParseContext } from '../../core/sources/context';
import { parseManifestText } from '../../core/sources/k8s';
import type { SourceCollector } from '../../use-cases/ports';
import { expandInputs } from '../recorded/read-inputs';
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
async function readAll(from: string[], baseDir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of from) {
    const files = await expandInputs([entry], baseDir).catch(() => []);
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

/**
 * Collects through another collector and records each source as it is collected, in the recorded
 * formats, with secrets as markers: what `drift snapshot --record` writes.
 */
export class RecordingCollector implements SourceCollector {
  private readonly live = new Map<string, LiveInputs>();
  /** The recording of each source, by environment and source index; absent when nothing was read. */
  readonly recordings = new Map<string, RecordedSource>();

  constructor(
    private readonly inner: SourceCollector,
    private readonly baseDir: string,
  ) {}

  /** The live collector's hook: what it parsed for one source. */
  readonly keep = (environment: string, label: SourceLabel, inputs: LiveInputs): void => {
    this.live.set(keyOf(environment, label.index), inputs);
  };

  /** The recording of one source of one environment. */
  recordingOf(environment: string, index: number): RecordedSource | undefined {
    return this.recordings.get(keyOf(environment, index));
  }

  async collect(spec: SourceSpec, label: SourceLabel, ctx: ParseContext, env: EnvironmentSpec): Promise<SourceSnapshot> {
    const snapshot = await this.inner.collect(spec, label, ctx, env);
    const key = keyOf(env.name, spec.index);
    const live = this.live.get(key);
    this.live.delete(key);
    const recorded = await this.record(spec, snapshot, ctx, live);
    if (recorded) this.recordings.set(key, recorded);
    return snapshot;
  }

  private async record(spec: SourceSpec, snapshot: SourceSnapshot, ctx: ParseContext, live: LiveInputs | undefined): Promise<RecordedSource | undefined> {
    switch (spec.type) {
      case 'file':
        return { type: 'file', recording: fileRecording(snapshot) };
      case 'dotenv':
        return { type: 'dotenv', recording: dotenvRecording(snapshot) };
      case 'ssm':
        return { type: 'ssm', recording: ssmRecording(snapshot, spec.path, spec.decrypt ?? true) };
      case 'ecs': {
        const inputs = spec.from ? await this.ecsInputs(spec.from) : live?.type === 'ecs' ? live.inputs : undefined;
        if (!inputs) return undefined;
        const names = { container: spec.container, ...(spec.cluster ? { cluster: spec.cluster } : {}), ...(spec.service ? { service: spec.service } : {}) };
        const recording = ecsRecording(inputs, names, ctx);
        return { type: 'ecs', recording };
      }
      case 'eks':
        if (live?.type !== 'eks') return undefined;
        return { type: 'k8s', recording: k8sRecording({ objects: live.objects, workload: spec.workload, container: spec.container, namespace: spec.namespace }, snapshot.observations, ctx) };
      case 'k8s': {
        const objects = (await readAll(spec.from, this.baseDir)).flatMap(({ file, text }) => (parsed(() => parseManifestText(text, file)) ?? []).map((object) => ({ file, object })));
        return { type: 'k8s', recording: k8sRecording({ objects, workload: spec.workload, container: spec.container, namespace: spec.namespace }, snapshot.observations, ctx) };
      }
    }
  }

  private async ecsInputs(from: string[]): Promise<EcsInputs> {
    const all = await readAll(from, this.baseDir);
    const isEnv = (f: { file: string }): boolean => /\.env$/i.test(f.file);
    const documents = all.filter((f) => !isEnv(f)).flatMap(({ file, text }) => {
      const json = parsed(() => parseConfigText(text, file));
      return json === undefined ? [] : [{ file, json }];
    });
    return { documents, envFiles: all.filter(isEnv) };
  }
}
