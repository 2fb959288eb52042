import { judgedByCode } from '../code/code-reads';
import { readAt } from '../code/read-text';
import type { Finding } from '../model';
import { displayValue } from '../values/value';
import { entrySource, type Check } from './check-context';

/** `retired`: a retired key is still present after its date (the date itself is allowed). */
export const retiredCheck: Check = {
  id: 'retired',
  run(ctx) {
    const out: Finding[] = [];
    for (const [key, spec] of ctx.estate.baseline.keys) {
      if (!spec.retired || ctx.today <= spec.retired) continue;
      // A name reused by new code: what is left set from the retired feature is now read by a feature it was never meant for.
      const read = ctx.code && judgedByCode(ctx.code, key) ? ctx.code.reads.get(key)?.[0] : undefined;
      const readAgain = read
        ? `; the code reads ${read.name} again at ${readAt(read)}: it takes this value, left from before the retirement`
        : '';
      for (const config of ctx.configs) {
        const entry = config.entries.get(key);
        if (!entry) continue;
        const actual = displayValue(entry.value);
        out.push(
          ctx.make({
            kind: 'retired',
            severity: spec.severity,
            environment: config.environment,
            key,
            subject: key,
            actual,
            source: entrySource(config, entry),
            owner: spec.owner,
            message: `${key} was retired on ${spec.retired} but ${config.environment} still sets it (${actual})${readAgain}`,
          }),
        );
      }
    }
    return out;
  },
};
