import { layersOf } from '../engine/effective-config';
import { comparisonType, identity } from '../engine/equality';
import { isRuntimeKey } from '../keys';
import type { Finding, Observation } from '../model';
import { displayValue, writtenValue } from '../values/value';
import { entrySource, expectedValue, sourceRef, type Check } from './check-context';

/**
 * `shadowed`: several sources of one environment set the key to different values. Quiet where the
 * difference is meant: a `defaults: true` source exists to be overridden, and an override that gives
 * the value the baseline expects for that environment is the layout working as designed. One source
 * setting the key under two spellings to different values is never quiet: both are set.
 */
export const shadowedCheck: Check = {
  id: 'shadowed',
  run(ctx) {
    const out: Finding[] = [];
    for (const config of ctx.configs) {
      for (const key of config.overridden.keys()) {
        const spec = ctx.spec(key);
        // A runtime key is judged only where the baseline declares it (spec §3).
        if (spec?.shadowed === 'ignore' || (!spec && isRuntimeKey(key))) continue;
        const entry = config.entries.get(key)!;
        const layers = layersOf(config, key);
        const type = comparisonType(
          key,
          spec,
          layers.map((l) => l.value),
        );
        const winner = identity(entry.value, type);
        // Another spelling in the winner's own source (DB_HOST beside db.host) is still set: the
        // application may read it, so neither a defaults source nor the expected value quiets it.
        const spelling = (l: Observation): boolean => l.origin.source.index === entry.origin.source.index;
        const hidden = layers.slice(0, -1).filter((l) => {
          if (l.origin.source.defaults && !spelling(l)) return false;
          const id = identity(l.value, type);
          return id !== undefined && winner !== undefined && id !== winner;
        });
        if (!hidden.length) continue;
        const expected = expectedValue(spec, config.environment);
        if (expected !== undefined && identity(writtenValue(expected), type) === winner && !hidden.some(spelling)) continue;
        const actual = displayValue(entry.value);
        const from = entrySource(config, entry);
        const list = hidden
          .map(
            (l) =>
              `${l.origin.source.type} ${l.origin.location} = ${displayValue(l.value)}${spelling(l) ? ' (another spelling, also set)' : ''}`,
          )
          .join('; ');
        out.push(
          ctx.make({
            kind: 'shadowed',
            severity: spec?.shadowed,
            environment: config.environment,
            key,
            subject: key,
            actual,
            source: from,
            hidden: hidden.map((l) => ({ ...sourceRef(l.origin), value: displayValue(l.value) })),
            owner: spec?.owner,
            message: `${key} in ${config.environment} is ${actual} from ${from.type} ${from.location}, hiding ${list}`,
          }),
        );
      }
    }
    return out;
  },
};
