import type { Finding } from '../model';
import type { Check } from './check-context';

/** `source-error`: a source could not be read; its environment is judged on what it has. */
export const sourceErrorCheck: Check = {
  id: 'source-error',
  run(ctx) {
    const out: Finding[] = [];
    for (const config of ctx.configs) {
      for (const s of config.failed) {
        out.push(
          ctx.make({
            kind: 'source-error',
            environment: config.environment,
            subject: `${s.source.type}:${s.source.label}`,
            source: { type: s.source.type, location: s.source.label },
            message: `${s.source.label} could not be read in ${config.environment}: ${s.errors.join('; ')}`,
          }),
        );
      }
    }
    return out;
  },
};
