import type { Finding } from '../model';
import { sourceRef, type Check } from './check-context';

/** `dangling-ref`: a reference points at nothing in that environment. */
export const danglingRefCheck: Check = {
  id: 'dangling-ref',
  run(ctx) {
    const out: Finding[] = [];
    for (const config of ctx.configs) {
      for (const d of config.dangling) {
        const spec = ctx.spec(d.key);
        out.push(
          ctx.make({
            kind: 'dangling-ref',
            environment: config.environment,
            key: d.key,
            subject: `${d.key}\u0000${d.target}`,
            expected: d.target,
            source: sourceRef(d.origin),
            owner: spec?.owner,
            message: `${d.key} in ${config.environment} refers to ${d.target}: ${d.detail}`,
          }),
        );
      }
    }
    return out;
  },
};
