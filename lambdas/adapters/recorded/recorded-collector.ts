import type { SourceSpec } from '../../core/estate/model';
import { acceptingMarkers } from '../../core/fingerprint';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { configFileBytesObservations, dotenvObservations, parseConfigText } from '../../core/sources/config-file';
import type { ParseContext } from '../../core/sources/context';
import { parseEcs } from '../../core/sources/ecs';
import { SourceInputError } from '../../core/sources/errors';
import { parseK8s, parseManifestText } from '../../core/sources/k8s';
import { emptyResult, type SourceParseResult } from '../../core/sources/result';
import { ssmFileObservations } from '../../core/sources/ssm-file';
import { describeFsError, expandInputs } from './read-inputs';
import { inDriftRecording } from './recording-manifest';
import { TextFileReader } from './text-file-reader';

export interface RecordedCollectorOptions {
  /** The folder of the estate file: `from:` paths are relative to it, and stay inside it unless `trustPaths`. */
  baseDir: string;
  /** The estate file is trusted: its `from:` paths may lead anywhere (`--trust-estate-paths`). */
  trustPaths?: boolean;
  /** Parser overrides, for tests; the core parsers by default. */
  ecs?: { parse: typeof parseEcs };
  k8s?: { parse: typeof parseK8s; parseManifestText: typeof parseManifestText };
}

type Input = { file: string; text: string };

/** A failure as `file: reason`; only our own messages are shown, as others may quote the input. */
function describeFailure(err: unknown, file: string): string {
  if (err instanceof SourceInputError) {
    return err.message.startsWith(`${file}:`) || err.message.startsWith(`${file}#`) ? err.message : `${file}: ${err.message}`;
  }
  if (err instanceof RangeError) return `${file}: nested too deeply to read`;
  return `${file}: could not be read (${err instanceof Error ? err.name : 'unknown error'})`;
}

/** Runs `fn`, turning what it throws into a line of `errors`. */
function attempt<T>(file: string, errors: string[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    errors.push(describeFailure(err, file));
    return undefined;
  }
}

/** Appends `items` to `into` with a loop: spreading 100,000 arguments would overflow the stack. */
function append<T>(into: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) into.push(items[i] as T);
  return into;
}

function merge(into: SourceParseResult, part: SourceParseResult): void {
  // The first part is taken as it is: one big file per source is the usual case.
  if (into.observations.length === 0) into.observations = part.observations;
  else append(into.observations, part.observations);
  append(into.dangling, part.dangling);
  append(into.errors, part.errors);
}

/** Collects sources from recorded files (`from:`); failures become the snapshot's errors, never throws. */
export class RecordedSourceCollector {
  private readonly reader = new TextFileReader();

  constructor(private readonly opts: RecordedCollectorOptions) {}

  /** One snapshot of one declared source. */
  async collect(spec: SourceSpec, label: SourceLabel, given: ParseContext): Promise<SourceSnapshot> {
    const result = emptyResult();
    const from = 'from' in spec ? spec.from : undefined;
    // Fingerprint markers stand for secrets only in a recording drift wrote; anywhere else they are values.
    const ctx = from && (await inDriftRecording(from, this.opts.baseDir)) ? { ...given, fp: acceptingMarkers(given.fp) } : given;
    if (!from) {
      result.errors.push(`live ${spec.type} collection is not available in this build`);
    } else if (spec.type === 'ssm') {
      await this.collectSsm(from, spec.path, spec.decrypt ?? true, ctx, result);
    } else if (spec.type === 'file') {
      await this.collectConfigFiles(from, ctx, result);
    } else {
      this.parse(spec, await this.read(from, result), ctx, result);
    }
    const snapshot: SourceSnapshot = { source: label, ...result };
    if (spec.type === 'ssm') snapshot.ssmPath = spec.path;
    return snapshot;
  }

  private async read(from: string[], result: SourceParseResult): Promise<Input[]> {
    const inputs: Input[] = [];
    await this.eachFile(from, result, async (file, abs) => {
      inputs.push({ file, text: await this.reader.read(abs) });
    });
    return inputs;
  }

  /** Hands each file of `from` to `use`, in order; what cannot be found or read becomes an error line. */
  private async eachFile(from: string[], result: SourceParseResult, use: (file: string, abs: string) => Promise<void>): Promise<void> {
    for (const entry of from) {
      let files;
      try {
        files = await expandInputs([entry], this.opts.baseDir, { trustPaths: this.opts.trustPaths });
      } catch (err) {
        result.errors.push(describeFailure(err, entry));
        continue;
      }
      // An empty folder would make every key look missing; say so instead.
      if (files.length === 0) result.errors.push(`${entry}: no recorded inputs found`);
      for (const { file, abs } of files) {
        try {
          await use(file, abs);
        } catch (err) {
          result.errors.push(describeFsError(err, file).message);
        }
      }
    }
  }

  private parse(spec: SourceSpec, inputs: Input[], ctx: ParseContext, result: SourceParseResult): void {
    switch (spec.type) {
      case 'dotenv':
        for (const { file, text } of inputs) merge(result, dotenvObservations(text, file, ctx));
        return;
      case 'ecs': {
        const envFiles = inputs.filter((i) => /\.env$/i.test(i.file));
        const documents = inputs
          .filter((i) => !/\.env$/i.test(i.file))
          .flatMap(({ file, text }) => {
            const json = attempt(file, result.errors, () => parseConfigText(text, file));
            return json === undefined ? [] : [{ file, json }];
          });
        const opts = { container: spec.container, service: spec.service, cluster: spec.cluster };
        const parse = this.opts.ecs?.parse ?? parseEcs;
        const part = attempt(spec.from?.join(', ') ?? 'ecs', result.errors, () => parse({ documents, envFiles }, opts, ctx));
        if (part) merge(result, part);
        return;
      }
      case 'k8s': {
        const parseText = this.opts.k8s?.parseManifestText ?? parseManifestText;
        const objects = inputs.flatMap(({ file, text }) =>
          (attempt(file, result.errors, () => parseText(text, file)) ?? []).map((object) => ({ file, object })),
        );
        const parse = this.opts.k8s?.parse ?? parseK8s;
        const opts = { workload: spec.workload, container: spec.container, namespace: spec.namespace };
        const part = attempt(spec.from.join(', '), result.errors, () => parse(objects, opts, ctx));
        if (part) merge(result, part);
        return;
      }
      case 'ssm': // read by collectSsm
      case 'file': // read by collectConfigFiles
      case 'eks':
        return;
    }
  }

  /** Configuration files are parsed as each is read, from its bytes: JSON is then read in place. */
  private async collectConfigFiles(from: string[], ctx: ParseContext, result: SourceParseResult): Promise<void> {
    // Errors keep their order: unreadable inputs first, then what each file holds.
    const parsed = emptyResult();
    await this.eachFile(from, result, (file, abs) =>
      this.reader.withBytes(abs, (bytes) => {
        const part = attempt(file, parsed.errors, () => configFileBytesObservations(bytes, file, ctx));
        if (part) merge(parsed, part);
      }),
    );
    merge(result, parsed);
  }

  /** SSM exports are parsed as each is read, from its bytes: a big one is then read in place. */
  private async collectSsm(from: string[], path: string, decrypted: boolean, ctx: ParseContext, result: SourceParseResult): Promise<void> {
    // Errors keep the order of the other sources: unreadable inputs, then unparsable ones, then keys.
    const parseErrors: string[] = [];
    const keyErrors: string[] = [];
    let parameters = 0;
    await this.eachFile(from, result, (file, abs) =>
      this.reader.withBytes(abs, (bytes) => {
        const part = attempt(file, parseErrors, () => ssmFileObservations(bytes, file, path, ctx, { decrypted }));
        if (!part) return;
        if (result.observations.length === 0) result.observations = part.observations;
        else append(result.observations, part.observations);
        append(keyErrors, part.errors);
        parameters += part.parameters;
      }),
    );
    append(result.errors, parseErrors);
    append(result.errors, keyErrors);
    // A recording of another path would otherwise look like every parameter was deleted.
    if (parameters > 0 && result.observations.length === 0 && keyErrors.length === 0) {
      result.errors.push(`the recorded export holds ${parameters} parameter(s), none under ${path}`);
    }
  }
}
