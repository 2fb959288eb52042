import { REGION_SHAPE } from '../../core/aws-identifier-shapes';
import type { EstateProblem } from '../../core/estate/estate-error';
import type { EnvironmentSpec, Estate, Position, SourceSpec } from '../../core/estate/model';
import { readYaml } from '../../core/estate/read-yaml';
import { describePath, positionAt, type Path } from '../../core/estate/yaml-positions';
import { recordedFrom } from '../../core/source-kinds/fields';
import { liveKindOf } from './live-kinds';

/** Where a problem is: the field's position in the estate file when it can be found, else the given one. */
export type Locate = (p: Path, fallback?: Position) => Position;

/** Positions in an estate file's text; where it cannot be parsed, the fallback (else its start). */
export function estateLocator(text: string, file: string): Locate {
  const read = readYaml(text, file);
  return (p, fallback) => (read.ok ? positionAt(read.yaml, p) : (fallback ?? { file, line: 1, column: 1 }));
}

/**
 * What one live source declares that no read can use: a region that is not one, and each name its
 * kind's access refuses (a wildcard, a newline, an ARN where a name belongs). The deploy refuses these
 * before any grant or RBAC file is built from them, and `drift validate` reports the same.
 */
export function liveSourceProblems(env: EnvironmentSpec, s: SourceSpec, base: Path, at: Locate): EstateProblem[] {
  const out: EstateProblem[] = [];
  const add = (field: string, message: string) =>
    out.push({ ...at([...base, field], s.at), message: `${describePath([...base, field])}: ${message}` });
  if ('region' in s && s.region !== undefined && !REGION_SHAPE.test(s.region))
    add('region', `${JSON.stringify(s.region)} is not an AWS region (e.g. eu-west-1)`);
  for (const p of liveKindOf(s.type)?.access.problems(s, env) ?? []) add(p.field, p.message);
  return out;
}

/** liveSourceProblems of every source of the estate that is read live (recorded ones are read from their files). */
export function liveNameProblems(estate: Estate, at: Locate): EstateProblem[] {
  return estate.environments.flatMap((env) =>
    env.sources.flatMap((s, i) =>
      recordedFrom(s) ? [] : liveSourceProblems(env, s, ['environments', env.name, 'sources', i, s.type], at),
    ),
  );
}
