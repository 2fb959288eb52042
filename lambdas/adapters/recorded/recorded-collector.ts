import type { SourceSpec } from '../../core/estate/model';
import type { SourceLabel, SourceSnapshot } from '../../core/model';
import { configFileObservations, dotenvObservations, parseConfigText } from '../../core/sources/config-file';
import type { ParseContext } from '../../core/sources/context';
import { parseEcs } from '../../core/sources/ecs';
import { SourceInputError } from '../../core/sources/errors';
import { parseK8s, parseManifestText } from '../../core/sources/k8s';
import { emptyResult, type SourceParseResult } from '../../core/sources/result';
import { ssmObservations, ssmParametersFromExport, type SsmParameter } from '../../core/sources/ssm';
import { describeFsError, expandInputs } from './read-inputs';
import { TextFileReader } from './text-file-reader';

export interface RecordedCollectorOptions {
  /** The folder of the estate file: `from:` paths are relative to it. */
  baseDir: string;
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

/** Runs `fn`, turning what it throws into an error line of `into`. */
function attempt<T>(file: string, into: SourceParseResult, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    into.errors.push(describeFailure(err, file));
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
  async collect(spec: SourceSpec, label: SourceLabel, ctx: ParseContext): Promise<SourceSnapshot> {
    const result = emptyResult();
    const from = 'from' in spec ? spec.from : undefined;
    if (!from) {
      result.errors.push(`live ${spec.type} collection is not available in this build`);
    } else {
      const inputs = await this.read(from, result);
      this.parse(spec, inputs, ctx, result);
    }
    const snapshot: SourceSnapshot = { source: label, ...result };
    if (spec.type === 'ssm') snapshot.ssmPath = spec.path;
    return snapshot;
  }

  private async read(from: string[], result: SourceParseResult): Promise<Input[]> {
    const inputs: Input[] = [];
    for (const entry of from) {
      let files;
      try {
        files = await expandInputs([entry], this.opts.baseDir);
      } catch (err) {
        result.errors.push(describeFailure(err, entry));
        continue;
      }
      // An empty folder would make every key look missing; say so instead.
      if (files.length === 0) result.errors.push(`${entry}: no recorded inputs found`);
      for (const { file, abs } of files) {
        try {
          inputs.push({ file, text: await this.reader.read(abs) });
        } catch (err) {
          result.errors.push(describeFsError(err, file).message);
        }
      }
    }
    return inputs;
  }

  private parse(spec: SourceSpec, inputs: Input[], ctx: ParseContext, result: SourceParseResult): void {
    switch (spec.type) {
      case 'file':
        for (const { file, text } of inputs) {
          const part = attempt(file, result, () => configFileObservations(parseConfigText(text, file), file, ctx));
          if (part) merge(result, part);
        }
        return;
      case 'dotenv':
        for (const { file, text } of inputs) merge(result, dotenvObservations(text, file, ctx));
        return;
      case 'ssm':
        return this.parseSsm(spec.path, spec.decrypt ?? true, inputs, ctx, result);
      case 'ecs': {
        const envFiles = inputs.filter((i) => /\.env$/i.test(i.file));
        const documents = inputs
          .filter((i) => !/\.env$/i.test(i.file))
          .flatMap(({ file, text }) => {
            const json = attempt(file, result, () => parseConfigText(text, file));
            return json === undefined ? [] : [{ file, json }];
          });
        const opts = { container: spec.container, service: spec.service, cluster: spec.cluster };
        const parse = this.opts.ecs?.parse ?? parseEcs;
        const part = attempt(spec.from?.join(', ') ?? 'ecs', result, () => parse({ documents, envFiles }, opts, ctx));
        if (part) merge(result, part);
        return;
      }
      case 'k8s': {
        const parseText = this.opts.k8s?.parseManifestText ?? parseManifestText;
        const objects = inputs.flatMap(({ file, text }) =>
          (attempt(file, result, () => parseText(text, file)) ?? []).map((object) => ({ file, object })),
        );
        const parse = this.opts.k8s?.parse ?? parseK8s;
        const opts = { workload: spec.workload, container: spec.container, namespace: spec.namespace };
        const part = attempt(spec.from.join(', '), result, () => parse(objects, opts, ctx));
        if (part) merge(result, part);
        return;
      }
      case 'eks':
        return;
    }
  }

  private parseSsm(path: string, decrypted: boolean, inputs: Input[], ctx: ParseContext, result: SourceParseResult): void {
    let params: SsmParameter[] = [];
    for (const { file, text } of inputs) {
      const found = attempt(file, result, () => ssmParametersFromExport(parseConfigText(text, file)));
      if (found) params = params.length === 0 ? found : append(params, found);
    }
    const part = ssmObservations(params, path, ctx, { decrypted });
    merge(result, part);
    // A recording of another path would otherwise look like every parameter was deleted.
    if (params.length > 0 && part.observations.length === 0 && part.errors.length === 0) {
      result.errors.push(`the recorded export holds ${params.length} parameter(s), none under ${path}`);
    }
  }
}
