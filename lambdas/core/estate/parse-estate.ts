import type * as z from '../zod';
import { buildBaseline } from './build-baseline';
import { suggestion } from './did-you-mean';
import { sortProblems, type EstateProblem } from './estate-error';
import { versionAsYamlReadsIt } from './format-version';
import { lazyField } from './lazy-field';
import type { CodeTreeSpec, Estate, EnvironmentSpec, SourceSpec } from './model';
import { readYaml } from './read-yaml';
import { reservedNameProblems } from './reserved-names';
import { credentialWords } from './credential-words';
import { secretLiteralProblems } from './secret-literals';
import { sourceIdentity, sourceLabel } from './source-label';
import { recordedFrom } from '../source-kinds/fields';
import { stripBom } from '../sources/shape';
import type { SourceType } from '../source-kinds/registry';
import { parseDurationMs } from '../values/types';
import {
  BASELINE_SECTIONS,
  baselineSchema,
  ESTATE_SECTIONS,
  estateSchema,
  withoutEmptySections,
  withoutExtensionFields,
  type RawBaseline,
  type RawCodeTree,
  type RawEstate,
  type RawSource,
  type Sections,
} from './schema';
import { typedSources } from './typed-sources';
import { positionAt, type YamlFile } from './yaml-positions';
import { zodProblems } from './zod-problems';

export type Parsed<T> = { ok: true; raw: T; yaml: YamlFile } | { ok: false; problems: EstateProblem[] };
/** A valid estate may still come with warnings: things worth saying that do not make it wrong. */
export type EstateResult = { ok: true; estate: Estate; warnings: EstateProblem[] } | { ok: false; problems: EstateProblem[] };

/** How YAML text is read: readYaml, or readYamlWithPositions (the plain reference its fast path is held to). */
export type YamlReader = typeof readYaml;

function parseWith<S extends z.ZodMiniType>(
  schema: S,
  sections: Sections,
  written: string,
  file: string,
  readWith: YamlReader,
): Parsed<z.output<S>> {
  // Without its byte-order mark, which no editor shows as a column: problems on line 1 would be one column off.
  const text = stripBom(written);
  const read = readWith(text, file);
  if (!read.ok) return read;
  const reserved = reservedNameProblems(text, read.data, read.yaml);
  if (reserved.length) return { ok: false, problems: sortProblems(reserved) };
  const typed = typedSources(versionAsYamlReadsIt(withoutEmptySections(withoutExtensionFields(read.data), sections), read.yaml), read.yaml);
  const { data } = typed;
  const result = schema.safeParse(data);
  if (!result.success || typed.problems.length) {
    const found = result.success ? [] : zodProblems(result.error.issues, schema, read.yaml, data);
    return { ok: false, problems: sortProblems([...typed.problems, ...found]) };
  }
  return { ok: true, raw: result.data, yaml: read.yaml };
}

/** Reads `drift.yaml` text against the schema (the baseline may still be a path to load). */
export const parseEstateDocument = (text: string, file: string, read: YamlReader = readYaml): Parsed<RawEstate> =>
  parseWith(estateSchema, ESTATE_SECTIONS, text, file, read);

/** Reads a separate baseline file (`baseline: path/to/baseline.yaml`). */
export const parseBaselineDocument = (text: string, file: string, read: YamlReader = readYaml): Parsed<RawBaseline> =>
  parseWith(baselineSchema, BASELINE_SECTIONS, text, file, read);

/** A source entry's kind and its fields, `defaults` among them. */
function kindAndFields(entry: RawSource): [SourceType, Record<string, unknown>] {
  // The schema admits exactly one kind per entry, and `defaults` beside it or among its fields.
  const { defaults, ...kinds } = entry;
  const [type, own] = Object.entries(kinds).find(([, f]) => f !== undefined) as [SourceType, Record<string, unknown>];
  return [type, defaults ? { ...own, defaults } : own];
}

/** A source entry as a spec without positions: what its label and identity are made of. */
function rawSourceSpec(entry: RawSource, index: number): SourceSpec {
  const [type, fields] = kindAndFields(entry);
  return { type, index, ...fields } as SourceSpec;
}

function toSourceSpec(entry: RawSource, index: number, y: YamlFile, envName: string): SourceSpec {
  const path = ['environments', envName, 'sources', index];
  const [type, fields] = kindAndFields(entry);
  const from = recordedFrom(fields);
  // Positions are found when first read (see lazyField): most runs never ask for them.
  const spec = { type, index, at: undefined, ...(from ? { fromAt: undefined } : {}), ...fields } as SourceSpec;
  lazyField(spec, 'at', () => positionAt(y, path));
  // `from: a` or `from: [a, b]`: positionAt stops at the scalar when there is no list to index.
  if (from) lazyField(spec, 'fromAt', () => from.map((_, j) => positionAt(y, [...path, type, 'from', j])));
  return spec;
}

/** `code:` as the model holds it: always a list of trees, each positioned where it is written. */
function codeTrees(raw: NonNullable<RawEstate['code']>, y: YamlFile): CodeTreeSpec[] {
  const list: RawCodeTree[] = Array.isArray(raw) ? raw : [raw];
  return list.map((t, i) => {
    const fields = typeof t === 'string' ? { path: t, exclude: [], ignore: [], tests: false } : t;
    return lazyField({ ...fields, at: undefined } as CodeTreeSpec, 'at', () => positionAt(y, Array.isArray(raw) ? ['code', i] : ['code']));
  });
}

/**
 * Checks what the schema cannot (names that refer to each other) and builds the estate model.
 * `baseline` is the separately loaded baseline file when `drift.yaml` names one.
 */
export function assembleEstate(
  doc: { raw: RawEstate; yaml: YamlFile },
  defaultName: string,
  baseline?: { raw: RawBaseline; yaml: YamlFile },
): EstateResult {
  const { raw, yaml } = doc;
  // First: every other problem may quote the word (`unknown environment "…"`, `… does not exist`).
  const words = [...credentialWords(raw, yaml, ['baseline']), ...(baseline ? credentialWords(baseline.raw, baseline.yaml, []) : [])];
  if (words.length) return { ok: false, problems: sortProblems(words) };
  const problems: EstateProblem[] = [];
  const envNames = Object.keys(raw.environments);
  const envSet = new Set(envNames);

  const groupNames = new Set<string>();
  raw.parity.forEach((g, i) => {
    if (groupNames.has(g.name))
      problems.push({ ...positionAt(yaml, ['parity', i, 'name']), message: `parity group "${g.name}" is declared twice` });
    if (envSet.has(g.name))
      problems.push({ ...positionAt(yaml, ['parity', i, 'name']), message: `parity group "${g.name}" has the name of an environment` });
    groupNames.add(g.name);
    const listed = new Set<string>();
    g.environments.forEach((env, j) => {
      if (!envSet.has(env))
        problems.push({
          ...positionAt(yaml, ['parity', i, 'environments', j]),
          message: `unknown environment "${env}"${suggestion(env, envNames)}`,
        });
      // `[a, b, a]` compares nothing more than `[a, b]`, and `[a, a]` nothing at all: a slip, said where it is.
      else if (listed.has(env))
        problems.push({
          ...positionAt(yaml, ['parity', i, 'environments', j]),
          message: `environment "${env}" is listed twice in parity group "${g.name}"`,
        });
      listed.add(env);
    });
  });

  // A source written twice would be read twice and report each failure twice, under one finding id;
  // so would one whose files are another's listed in another order or spelt otherwise (`./a.env`),
  // which the store keeps as one source (see sourceIdentity).
  for (const name of envNames) {
    const seen = new Map<string, number>();
    const identities = new Map<string, { at: number; label: string }>();
    raw.environments[name]!.sources.forEach((s, i) => {
      const text = JSON.stringify(s);
      const first = seen.get(text);
      const spec = rawSourceSpec(s, i);
      const label = sourceLabel(spec).label;
      const identity = `${spec.type}:${sourceIdentity(spec)}`;
      const same = identities.get(identity);
      if (first !== undefined)
        problems.push({
          ...positionAt(yaml, ['environments', name, 'sources', i]),
          message: `environments.${name}.sources[${i}]: the same source as sources[${first}]`,
        });
      else if (same !== undefined && same.label !== label)
        problems.push({
          ...positionAt(yaml, ['environments', name, 'sources', i]),
          message: `environments.${name}.sources[${i}]: the same source as sources[${same.at}], its files listed in another order or spelt otherwise`,
        });
      else seen.set(text, i);
      if (same === undefined) identities.set(identity, { at: i, label });
    });
  }

  const names = { environments: envNames, groups: [...groupNames] };
  const inline = typeof raw.baseline === 'object' ? { raw: raw.baseline, yaml, base: ['baseline'] } : undefined;
  const source = baseline ? { ...baseline, base: [] } : inline;
  const emptyBaseline: RawBaseline = { undeclared: 'info', secrets: { undeclared: false }, keys: {}, exceptions: [], rules: [] };
  const built = buildBaseline(source?.raw ?? emptyBaseline, source?.yaml ?? yaml, source?.base ?? ['baseline'], names);
  // A loop: a generated baseline can hold 100,000 problems, too many arguments for push(...).
  for (const p of built.problems) problems.push(p);
  if (problems.length) return { ok: false, problems: sortProblems(problems) };

  const environments: EnvironmentSpec[] = envNames.map((name) => {
    const env = raw.environments[name]!;
    return {
      name,
      region: env.region,
      account: env.account,
      roleArn: env.roleArn,
      sources: env.sources.map((s, i) => toSourceSpec(s, i, yaml, name)),
    };
  });

  const estate: Estate = {
    version: 1,
    name: raw.name ?? defaultName,
    file: yaml.file,
    environments,
    parity: raw.parity,
    baseline: built.baseline,
    notify: raw.notify as Estate['notify'],
    ...(raw.deployers ? { deployers: raw.deployers } : {}),
    flags: { lifetime: raw.flags.lifetime, lifetimeMs: parseDurationMs(raw.flags.lifetime) as number },
    ...(raw.code ? { code: codeTrees(raw.code, yaml) } : {}),
  };
  // Refused by every command, not by validate alone: an audit would print what the baseline expects.
  const where = source ?? { yaml, base: ['baseline'] };
  const secrets = secretLiteralProblems(estate, (index) => positionAt(where.yaml, [...where.base, 'exceptions', index, 'value']));
  if (secrets.length) return { ok: false, problems: sortProblems(secrets) };
  return { ok: true, warnings: sortProblems(built.warnings), estate };
}
