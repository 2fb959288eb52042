import { isRuntimeKey } from '../keys';
import type { Finding } from '../model';
import { displayValue } from '../values/value';
import { entrySource, shownWithUnit, type Check } from './check-context';

/** `undeclared`: present at runtime, not declared in the baseline. */
export const undeclaredCheck: Check = {
  id: 'undeclared',
  run(ctx) {
    const severity = ctx.estate.baseline.undeclared;
    if (severity === 'ignore') return [];
    const out: Finding[] = [];
    for (const config of ctx.configs) {
      for (const [key, entry] of config.entries) {
        if (isRuntimeKey(key) || ctx.estate.baseline.keys.has(key)) continue;
        const actual = displayValue(entry.value);
        out.push(
          ctx.make({
            kind: 'undeclared',
            severity,
            environment: config.environment,
            key,
            subject: key,
            actual,
            source: entrySource(config, entry),
            message: `${key} is set in ${config.environment} (${shownWithUnit(entry.value, undefined)}) but the baseline does not declare it`,
          }),
        );
      }
    }
    return out;
  },
};
