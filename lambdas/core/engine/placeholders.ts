import type { DanglingRef, Observation, Origin, Placeholder } from '../model';
import { plainObservation, withValue } from '../sources/observations';
import type { Value } from '../values/value';
import type { ConfigRow } from './key-space';

/** Placeholders that name placeholders: past this many, the chain is taken for a loop. */
const MAX_CHAIN = 8;

/** What resolving an environment's placeholders reads and updates (EffectiveConfig's parts). */
export interface PlaceholderScope {
  entries: ConfigRow;
  overridden: Map<string, Observation[]>;
  resolvedFrom: Map<string, Origin>;
  dangling: DanglingRef[];
  /** The estate's policy on secret names: a plain value taken by a secret-named key is not shown under it. */
  isSecretKey: (key: string) => boolean;
}

const written = (p: Placeholder): string => `\${${p.name}}`;

/** A value taken from another key, as `key` may hold it: a plain text under a secret-named key is known to be a secret, never shown. */
function taken(value: Value, key: string, p: Placeholder, isSecretKey: (key: string) => boolean): Value {
  const plain = value.kind === 'text' || value.kind === 'large';
  return plain && isSecretKey(key) ? { kind: 'opaque', reason: `the value of ${p.name}, a secret here`, secret: true } : value;
}

/** The observation holding `value`, as resolved: no placeholder left to resolve. */
function resolved(o: Observation, value: Value): Observation {
  const { placeholder: _resolved, ...rest } = withValue(o, value);
  return rest;
}

class Resolver {
  private readonly done = new Set<string>();
  /** Keys whose placeholder nothing sets and that have no default: no value for another to take. */
  private readonly unresolved = new Set<string>();
  private readonly resolving = new Set<string>();

  constructor(private readonly scope: PlaceholderScope) {}

  /** The winner of `key` once its placeholder is resolved; undefined where the environment does not set it, or in a loop. */
  resolve(key: string, depth = 0): Observation | undefined {
    const { entries } = this.scope;
    const winner = entries.get(key);
    if (winner === undefined || this.unresolved.has(key)) return undefined;
    if (this.done.has(key)) return winner;
    if (this.resolving.has(key) || depth > MAX_CHAIN) return undefined;
    this.resolving.add(key);
    // A layer that is a placeholder of this very key takes what the environment sets for it: it hides nothing.
    let below = this.scope.overridden.get(key)?.filter((o) => o.placeholder?.key !== key);
    const p = winner.placeholder;
    let result = winner;
    if (p !== undefined && p.key === key) {
      // The variable of the key itself (Spring binds DB_TIMEOUT to db.timeout), set by a source below the file.
      const set = below?.at(-1);
      if (set !== undefined) {
        result = set;
        below = below!.slice(0, -1);
      } else result = this.unset(key, winner, p);
    } else if (p !== undefined) {
      const target = this.resolve(p.key, depth + 1);
      if (target !== undefined) {
        result = resolved(winner, taken(target.value, key, p, this.scope.isSecretKey));
        this.scope.resolvedFrom.set(key, target.origin);
        // The environment's own configuration reads the variable: it is no `unread` key.
        if (!target.expandedInto) entries.put(entries.space.find(p.key)!, { ...plainObservation(target), expandedInto: true });
      } else result = this.unset(key, winner, p);
    }
    if (result !== winner) entries.put(entries.space.find(key)!, result);
    if (below !== undefined) {
      if (below.length > 0) this.scope.overridden.set(key, below);
      else this.scope.overridden.delete(key);
    }
    this.resolving.delete(key);
    this.done.add(key);
    return result;
  }

  /** The placeholder's default, or a reference to nothing: the application cannot start without its value. */
  private unset(key: string, winner: Observation, p: Placeholder): Observation {
    if (p.fallback !== undefined) return resolved(winner, p.fallback);
    this.unresolved.add(key);
    this.scope.dangling.push({
      key,
      target: written(p),
      detail: `nothing in the environment sets ${p.name} and the placeholder has no default`,
      origin: winner.origin,
    });
    return resolved(winner, { kind: 'opaque', reason: `${written(p)} is not set` });
  }
}

/**
 * Resolves the placeholders of an environment's configuration files (`db.timeout: ${DB_TIMEOUT:10s}` in application.yml):
 * the application runs what the environment sets for the named key, else the default; with neither it cannot start (a
 * `dangling-ref`). A placeholder of the key itself is no layer hidden by the variable that sets it.
 */
export function resolvePlaceholders(keys: Iterable<string>, scope: PlaceholderScope): void {
  const resolver = new Resolver(scope);
  for (const key of keys) resolver.resolve(key);
}
