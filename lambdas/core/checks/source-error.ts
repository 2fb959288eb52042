import { findingId } from '../engine/finding-factory';
import type { Estate, SourceSpec } from '../estate/model';
import { declaredSource, declaredSpecOf, identityAndLegacy, sourceIdentity } from '../estate/source-label';
import type { Finding, SourceSnapshot } from '../model';
import type { Check } from './check-context';

/**
 * The ids of a declared source's `source-error` in one environment: `id`, of its identity (see
 * sourceIdentity: reordering its `from:` files keeps it), and, where that differs, `legacy`, of its
 * label as written, the id versions before the identity gave it (see planLifecycle, which carries
 * an open finding under it over).
 */
export const sourceErrorIds = (estate: string, environment: string, spec: SourceSpec): { id: string; legacy?: string } =>
  identityAndLegacy(spec, (text) => findingId(estate, { kind: 'source-error', environment, subject: `${spec.type}:${text}` }));

/**
 * What went wrong with a source in an environment. One that still gave values (a YAML key written twice, an SSM export
 * that is one page of its listing) was read: its values are judged, and its environment, as for any failed source, gets no `missing` while it fails.
 */
function sourceErrorMessage(s: SourceSnapshot, environment: string): string {
  const what = s.observations.length
    ? `was read with errors in ${environment} (its values are judged; while it fails, no key is reported missing there)`
    : `could not be read in ${environment}`;
  return `${s.source.label} ${what}: ${s.errors.join('; ')}`;
}

/** `source-error`: a source (or a `code:` tree) could not be read; its environment is judged on what it has. */
export const sourceErrorCheck: Check = {
  id: 'source-error',
  run(ctx) {
    const out: Finding[] = [];
    for (const config of ctx.configs) {
      for (const s of config.failed) {
        // Its identity, not its label: the same finding however its `from:` files are ordered or spelt.
        const spec = declaredSpecOf(ctx.estate, config.environment, s.source);
        out.push(
          ctx.make({
            kind: 'source-error',
            environment: config.environment,
            subject: `${s.source.type}:${spec ? sourceIdentity(spec) : s.source.label}`,
            source: declaredSource(s.source),
            message: sourceErrorMessage(s, config.environment),
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

/** The source-error ids of an estate's declared sources: each current id, and each legacy id with the current one it became. */
export interface DeclaredSourceErrorIds {
  /** Every id, current or legacy, a declared source's `source-error` may have. */
  all: ReadonlySet<string>;
  /** Current id → legacy id, where they differ. */
  legacy: ReadonlyMap<string, string>;
}

/** DeclaredSourceErrorIds of an estate (a caller judging many findings makes them once: see planLifecycle). */
export function declaredSourceErrorIds(estate: Estate): DeclaredSourceErrorIds {
  const all = new Set<string>();
  const legacy = new Map<string, string>();
  for (const env of estate.environments) {
    for (const spec of env.sources) {
      const ids = sourceErrorIds(estate.name, env.name, spec);
      all.add(ids.id);
      if (ids.legacy === undefined) continue;
      all.add(ids.legacy);
      legacy.set(ids.id, ids.legacy);
    }
  }
  return { all, legacy };
}
