import type { SourceSnapshot } from '../model';
import type { SourceParseResult } from '../sources/result';
import type { SecretContent, SecretsManagerResult } from '../sources/secretsmanager';
import type { SecretIdentity } from '../sources/secretsmanager-arn';
import { resolveSecretReference, type SnapshottedSecret } from '../sources/secretsmanager-refs';
import type { Referable, Resolution } from './source-kind';

/** What a secretsmanager snapshot keeps for references: the secret declared, and what was read of it. */
interface SecretReferable {
  identity: SecretIdentity;
  content: SecretContent;
}

/** The referable data of a secret read; undefined when it could not be read (it then covers nothing). */
export function secretReferable(spec: { secretId: string; region?: string }, result: SourceParseResult): Referable | undefined {
  const content = (result as SecretsManagerResult).secret;
  if (!content) return undefined;
  const identity: SecretIdentity = { secretId: spec.secretId };
  if (content.arn !== undefined) identity.arn = content.arn;
  if (spec.region !== undefined) identity.region = spec.region;
  const referable: SecretReferable = { identity, content };
  return referable as unknown as Referable;
}

const isSecretReferable = (r: Referable | undefined): r is Referable & SecretReferable =>
  typeof r?.identity === 'object' && r.identity !== null && typeof r.content === 'object' && r.content !== null;

/**
 * Resolves `secretsmanager` references (ECS `secrets.valueFrom`) against the environment's secrets
 * sources, the later one first. A JSON key is called missing only by a source read without error.
 */
export function secretResolver(sources: readonly SourceSnapshot[]): (ref: { target: string }) => Resolution {
  const secrets: Array<SnapshottedSecret & { failed: boolean }> = [];
  for (const s of sources) {
    const r = s.referable;
    if (!isSecretReferable(r)) continue;
    secrets.unshift({
      source: s.source,
      identity: r.identity,
      content: r.content,
      observations: s.observations,
      failed: s.errors.length > 0,
    });
  }
  return (ref) => {
    for (const s of secrets) {
      const r = resolveSecretReference(ref.target, s);
      if (r && 'missing' in r && s.failed) return undefined;
      if (r) return r;
    }
    return undefined;
  };
}
