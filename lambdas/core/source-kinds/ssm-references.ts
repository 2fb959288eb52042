import { SSM_PARAMETER_ARN_SHAPE } from '../aws-identifier-shapes';
import type { Observation, SourceSnapshot } from '../model';
import { ssmFolder } from '../sources/ssm';
import type { Referable, Resolution, SourceWhere } from './source-kind';

/** Parameter names an SSM reference could mean: `/a/b`, and `a` for a top-level `a`. */
export function parameterNames(target: string): string[] {
  const arn = SSM_PARAMETER_ARN_SHAPE.exec(target);
  const name = arn ? (arn[3] as string) : target;
  return name.startsWith('/') ? [name, name.slice(1)] : [name, `/${name}`];
}

/** What an SSM snapshot keeps for references: the path it read in full, and the region and account it read them in, where known. */
export const ssmReferable = (path: string, where: SourceWhere = {}): Referable => ({
  path,
  ...(where.region ? { region: where.region } : {}),
  ...(where.account ? { account: where.account } : {}),
});

const pathOf = (s: SourceSnapshot): string | undefined => (typeof s.referable?.path === 'string' ? s.referable.path : undefined);
const fieldOf = (s: SourceSnapshot, field: 'region' | 'account'): string | undefined => {
  const v = s.referable?.[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * Where a reference's parameter lives: an ARN says its region and account (ECS needs one for a
 * parameter of another region, or one shared from another account); a name is the task's own.
 */
function whereOf(target: string): SourceWhere {
  const arn = SSM_PARAMETER_ARN_SHAPE.exec(target);
  if (!arn) return {};
  return { ...(arn[1] ? { region: arn[1] } : {}), ...(arn[2] ? { account: arn[2] } : {}) };
}

interface ReadSource {
  params: Map<string, Observation>;
  path?: string;
  region?: string;
  account?: string;
}

/** True when the source may hold the reference's parameter: no region or account that both say and differ. */
const holds = (s: ReadSource, where: SourceWhere): boolean =>
  (!s.region || !where.region || s.region === where.region) && (!s.account || !where.account || s.account === where.account);

/**
 * Resolves SSM references against the parameters of the environment's SSM sources (a later source's
 * parameter of the same name wins) read in the region and account the reference names. A name under
 * a path a source read without error, and not found, points at nothing; elsewhere nothing is known.
 */
export function ssmResolver(sources: readonly SourceSnapshot[]): (target: string) => Resolution {
  // Later sources first: the first that has a name wins.
  const read: ReadSource[] = [];
  for (const s of sources) {
    const params = new Map<string, Observation>();
    for (const o of s.observations) params.set(o.origin.location, o);
    const path = pathOf(s);
    const region = fieldOf(s, 'region');
    const account = fieldOf(s, 'account');
    read.unshift({
      params,
      ...(path && s.errors.length === 0 ? { path } : {}),
      ...(region ? { region } : {}),
      ...(account ? { account } : {}),
    });
  }
  return (target) => {
    const names = parameterNames(target);
    const where = whereOf(target);
    const candidates = read.filter((s) => holds(s, where));
    for (const s of candidates) {
      for (const n of names) {
        const hit = s.params.get(n);
        if (hit) return { value: hit.value, from: hit.origin };
      }
    }
    const name = names[0] as string;
    const covered = candidates
      .map((s) => s.path)
      .reverse()
      .find((p) => p !== undefined && name.startsWith(ssmFolder(p)));
    if (!covered) return undefined;
    return { missing: { target: `SSM parameter ${name}`, detail: `not found under ${covered}, which this environment snapshots` } };
  };
}
