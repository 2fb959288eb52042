import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Estate } from '../../core/estate/model';
import { aboutASource } from '../../core/kinds';
import type { Finding } from '../../core/model';
import { SOURCE_KINDS, type SourceType } from '../../core/source-kinds/registry';
import { expandInputs, type InputFile } from '../read-inputs';
import { manifestLine } from './manifest-lines';
import { springActiveProfiles, springDocumentApplies } from '../../core/sources/spring-documents';
import { dottedLine, lineAt, yamlLines, type YamlLines } from './yaml-lines';

/** A recorded input, with the Spring profiles its source reads it with (a `file` source's `profiles`). */
type SourceInput = InputFile & { profiles?: readonly string[] };

/** How the line that sets a value of a kind's source is found: undefined for a kind whose values no file people edit sets. */
const valueLineOf = (t: SourceType): (typeof SOURCE_KINDS)[SourceType]['valueLine'] =>
  Object.hasOwn(SOURCE_KINDS, t) ? SOURCE_KINDS[t].valueLine : undefined;

/** A line of a file; `file` is absolute. */
export interface FileLine {
  file: string;
  line: number;
}

/**
 * Finds the line that sets a finding's value, reading the recorded files at render time: a
 * configuration file's key path (`config/x.json#database.pool_size`), a dotenv line
 * (`env/x.env:12`), the key or env var in a Kubernetes manifest. Files are read once each.
 */
export class ValueLines {
  private readonly parsed = new Map<string, YamlLines | undefined>();

  private constructor(private readonly inputs: Map<string, SourceInput[]>) {}

  /** Lists the recorded input files of every source of the estate whose kind says how its lines are found (file, dotenv, k8s). */
  static async of(estate: Estate): Promise<ValueLines> {
    const baseDir = path.dirname(estate.file);
    const inputs = new Map<string, SourceInput[]>();
    for (const env of estate.environments) {
      for (const s of env.sources) {
        if (valueLineOf(s.type) === undefined || !('from' in s) || !s.from) continue;
        const files = await expandInputs(s.from, baseDir).catch(() => [] as InputFile[]);
        const profiles = 'profiles' in s ? s.profiles : undefined;
        const slot = `${env.name}\u0000${s.type}`;
        inputs.set(slot, [...(inputs.get(slot) ?? []), ...files.map((i) => ({ ...i, profiles }))]);
      }
    }
    return new ValueLines(inputs);
  }

  /** The file and line that set `f`'s value, when its source is a file that can be read. */
  valueLine(f: Finding): FileLine | undefined {
    const s = f.source;
    if (!s || f.environment === undefined || aboutASource(f)) return undefined;
    const files = this.inputs.get(`${f.environment}\u0000${s.type}`) ?? [];
    switch (valueLineOf(s.type)) {
      case 'line': {
        const m = /^(.*):(\d+)$/.exec(s.location);
        const input = m && files.find((i) => i.file === m[1]);
        return input ? { file: input.abs, line: Number(m[2]) } : undefined;
      }
      case 'key-path': {
        const input = files.find((i) => s.location.startsWith(`${i.file}#`));
        const y = input && this.read(input.abs);
        const line = y && keyPathLine(y, s.location.slice(input.file.length + 1), input.profiles);
        return input && line !== undefined ? { file: input.abs, line } : undefined;
      }
      case 'manifest':
        for (const input of [...files].reverse()) {
          const y = this.read(input.abs);
          const line = y && manifestLine(y, s.location, f.key);
          if (line !== undefined) return { file: input.abs, line };
        }
        return undefined;
      case undefined:
        return undefined;
    }
  }

  /** The line of a mapping path in a YAML file, when it is there. */
  yamlLine(file: string, steps: ReadonlyArray<string | number>): number | undefined {
    const y = this.read(file);
    for (const root of y?.roots ?? []) {
      const line = lineAt(y!, root, steps);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  private read(file: string): YamlLines | undefined {
    if (!this.parsed.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
      this.parsed.set(file, text === undefined ? undefined : yamlLines(text));
    }
    return this.parsed.get(file);
  }
}

/**
 * The line of a flattened key path in a configuration file: of its one document, or of the last
 * document that sets it among those Spring reads with the source's profiles (the one whose value won).
 */
function keyPathLine(y: YamlLines, keyPath: string, profiles: readonly string[] | undefined): number | undefined {
  if (y.roots.length <= 1) return dottedLine(y, y.roots[0], keyPath);
  const active = springActiveProfiles(y.roots.map(jsOf), profiles);
  for (const root of [...y.roots].reverse()) {
    if (!springDocumentApplies(jsOf(root), active)) continue;
    const line = dottedLine(y, root, keyPath);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** A document's value, for its activation settings; undefined where it cannot be built alone (an alias to another node). */
function jsOf(root: YamlLines['roots'][number]): unknown {
  try {
    return root.toJSON();
  } catch {
    return undefined;
  }
}
