import type { Estate, SourceSpec } from '../core/estate/model';
import { declaredSpecOf, identityAndLegacy } from '../core/estate/source-label';
import type { SourceLabel } from '../core/model';
import { nodeCrypto } from '../core/on-demand/node-crypto';

/** A source's key in the store: a digest of its identity (see sourceIdentity), which survives reordering the sources. */
export const sourceKey = (identity: string): string => nodeCrypto().createHash('sha256').update(identity).digest('hex').slice(0, 16);

/**
 * Where the store keeps a source's snapshot: `key`, of its identity; and, where that differs, `legacy`,
 * the key of its label as written, under which versions before the identity kept it (a source whose
 * `from:` paths were not in order or were spelt `./a.env`). A snapshot is looked for under `legacy`
 * only when `key` has none, and saved under `key`.
 */
export interface SourceKeys {
  readonly key: string;
  readonly legacy?: string;
}

/** The store keys of a declared source. */
export function declaredSourceKeys(spec: SourceSpec): SourceKeys {
  const { id: key, legacy } = identityAndLegacy(spec, sourceKey);
  return legacy === undefined ? { key } : { key, legacy };
}

/**
 * The store keys of a source's snapshot, by the declared source its label was made of; a label no
 * declared source of the environment makes (none is expected) is keyed by itself, as before.
 */
export function sourceKeysOf(estate: Pick<Estate, 'environments'>, environment: string, source: SourceLabel): SourceKeys {
  const spec = declaredSpecOf(estate, environment, source);
  return spec ? declaredSourceKeys(spec) : { key: sourceKey(source.label) };
}
