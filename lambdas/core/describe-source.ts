import type { SourceRef } from './model';

/** `k8s Deployment checkout/api … · v12 · 2026-08-12 02:14 UTC · by alice`: where a value comes from. */
export function describeSource(s: SourceRef): string {
  const parts = [`${s.type} ${s.location}`];
  // A number (an SSM parameter's version, a task definition's revision) reads as `v12`; an id (a secret's VersionId) as itself.
  if (s.version !== undefined) parts.push(/^\d+$/.test(String(s.version)) ? `v${s.version}` : `version ${s.version}`);
  if (s.modifiedAt) parts.push(s.modifiedAt.replace('T', ' ').replace(/(\.\d+)?(Z|\+00:00)$/, ' UTC'));
  if (s.modifiedBy) parts.push(`by ${s.modifiedBy}`);
  return parts.join(' · ');
}
