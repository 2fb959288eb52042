import type { Observation, SourceSnapshot } from '../model';
import { ssmFolder } from '../sources/ssm';
import type { Referable, Resolution } from './source-kind';

const SSM_ARN = /^arn:aws[\w-]*:ssm:[^:]*:[^:]*:parameter(\/.*)$/;

/** Parameter names an SSM reference could mean: `/a/b`, and `a` for a top-level `a`. */
export function parameterNames(target: string): string[] {
  const arn = SSM_ARN.exec(target);
  const name = arn ? (arn[1] as string) : target;
  return name.startsWith('/') ? [name, name.slice(1)] : [name, `/${name}`];
}

/** What an SSM snapshot keeps for references: the path it read in full. */
export const ssmReferable = (path: string): Referable => ({ path });

const pathOf = (s: SourceSnapshot): string | undefined => (typeof s.referable?.path === 'string' ? s.referable.path : undefined);

/**
 * Resolves SSM references against the parameters of the environment's SSM sources (a later source's
 * parameter of the same name wins). A name under a path a source read without error, and not found,
 * points at nothing; elsewhere nothing is known.
 */
export function ssmResolver(sources: readonly SourceSnapshot[]): (target: string) => Resolution {
  const params = new Map<string, Observation>();
  for (const s of sources) for (const o of s.observations) params.set(o.origin.location, o);
  const paths: string[] = [];
  for (const s of sources) {
    const path = pathOf(s);
    if (path && s.errors.length === 0) paths.push(path);
  }
  return (target) => {
    const names = parameterNames(target);
    for (const n of names) {
      const hit = params.get(n);
      if (hit) return { value: hit.value, from: hit.origin };
    }
    const name = names[0] as string;
    const covered = paths.find((p) => name.startsWith(ssmFolder(p)));
    if (!covered) return undefined;
    return { missing: { target: `SSM parameter ${name}`, detail: `not found under ${covered}, which this environment snapshots` } };
  };
}
