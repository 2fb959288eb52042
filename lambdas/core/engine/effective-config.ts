import type { DanglingRef, EnvironmentSnapshot, Observation, Origin, SourceSnapshot } from '../model';
import type { Value } from '../values/value';

/** The value an environment actually runs for one key, and every source that set it. */
export interface EffectiveEntry {
  key: string;
  value: Value;
  origin: Origin;
  /** Every source that sets the key, lowest precedence first; the last one wins. */
  layers: Observation[];
  /** Where a resolved reference took its value from (an ECS secret's SSM parameter). */
  resolvedFrom?: Origin;
}

export interface EffectiveConfig {
  environment: string;
  entries: Map<string, EffectiveEntry>;
  sources: SourceSnapshot[];
  /** Sources that failed: the environment is judged only on the values it has. */
  failed: SourceSnapshot[];
  dangling: DanglingRef[];
}

const SSM_ARN = /^arn:aws[\w-]*:ssm:[^:]*:[^:]*:parameter(\/.*)$/;

/** Parameter names a reference could mean: `/a/b`, and `a` for a top-level `a`. */
function candidates(target: string): string[] {
  const arn = SSM_ARN.exec(target);
  const name = arn ? (arn[1] as string) : target;
  return name.startsWith('/') ? [name, name.slice(1)] : [name, `/${name}`];
}

/** Resolves references against the SSM parameters the environment snapshots. */
function resolveRef(obs: Observation, params: Map<string, Observation>, ssmPaths: string[]): { entry?: Partial<EffectiveEntry>; dangling?: DanglingRef } {
  if (!obs.ref || obs.ref.kind !== 'ssm-parameter') return {};
  const names = candidates(obs.ref.target);
  for (const n of names) {
    const hit = params.get(n);
    if (hit) return { entry: { value: hit.value, resolvedFrom: hit.origin } };
  }
  const name = names[0] as string;
  const covered = ssmPaths.find((p) => name.startsWith(p.endsWith('/') ? p : `${p}/`));
  if (covered && !obs.ref.optional) {
    return {
      dangling: {
        key: obs.key,
        target: `SSM parameter ${name}`,
        detail: `not found under ${covered}, which this environment snapshots`,
        origin: obs.origin,
      },
    };
  }
  return {};
}

/** Merges an environment's sources by precedence (later wins) and resolves references. */
export function effectiveConfig(snapshot: EnvironmentSnapshot): EffectiveConfig {
  const ordered = [...snapshot.sources].sort((a, b) => a.source.index - b.source.index);
  const params = new Map<string, Observation>();
  const ssmPaths: string[] = [];
  for (const s of ordered) {
    if (s.source.type !== 'ssm') continue;
    if (s.ssmPath && s.errors.length === 0) ssmPaths.push(s.ssmPath);
    for (const o of s.observations) params.set(o.origin.location, o);
  }

  const entries = new Map<string, EffectiveEntry>();
  const dangling: DanglingRef[] = [];
  for (const s of ordered) {
    dangling.push(...s.dangling);
    for (const obs of s.observations) {
      const { entry: resolved, dangling: d } = resolveRef(obs, params, ssmPaths);
      if (d) dangling.push(d);
      const layer = resolved?.value ? { ...obs, value: resolved.value } : obs;
      const existing = entries.get(obs.key);
      if (existing) {
        existing.layers.push(layer);
        existing.value = layer.value;
        existing.origin = obs.origin;
        existing.resolvedFrom = resolved?.resolvedFrom;
      } else {
        entries.set(obs.key, { key: obs.key, value: layer.value, origin: obs.origin, layers: [layer], resolvedFrom: resolved?.resolvedFrom });
      }
    }
  }
  return {
    environment: snapshot.environment,
    entries,
    sources: ordered,
    failed: ordered.filter((s) => s.errors.length > 0),
    dangling,
  };
}
