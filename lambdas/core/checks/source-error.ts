import { declaredSource } from '../estate/source-label';
import type { Finding } from '../model';
import type { Check } from './check-context';

/** `source-error`: a source (or a `code:` tree) could not be read; its environment is judged on what it has. */
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
            source: declaredSource(s.source),
            message: `${s.source.label} could not be read in ${config.environment}: ${s.errors.join('; ')}`,
          }),
        );
      }
    }
    // A `code:` tree concerns every environment: one estate-wide finding.
    for (const t of ctx.code?.failed ?? []) {
      out.push(
        ctx.make({
          kind: 'source-error',
          subject: `code:${t.tree}`,
          message: `code ${t.tree} could not be read: ${t.error}; unset is judged on the other trees, unread not at all`,
        }),
      );
    }
    return out;
  },
};
