import type { SourceSnapshot } from '../model';
import type { SecretContent } from '../sources/secretsmanager';
import { secretMarker } from '../values/secret-marker';
import { recordedText, type SourceRecording } from './recorded-text';

type Json = { [key: string]: string | Json };

/**
 * The SecretString a recording holds: the keys as the secret nests them (top-level keys exactly, as
 * ECS references name them; deeper ones split on `.`, which flattens back to the same keys), each
 * value a marker.
 */
function markedSecretString(snapshot: SourceSnapshot, content: SecretContent, losses: string[]): string {
  const doc: Json = {};
  const topLevel = new Set(content.leaves);
  for (const o of snapshot.observations) {
    const text = recordedText(o.value, `${snapshot.source.label} ${o.rawKey}`, losses);
    if (text === undefined) continue;
    const object = topLevel.has(o.rawKey) ? undefined : content.objects.find((k) => o.rawKey.startsWith(`${k}.`));
    if (object === undefined) {
      doc[o.rawKey] = text;
      continue;
    }
    let node = (doc[object] ??= {}) as Json;
    const path = o.rawKey.slice(object.length + 1).split('.');
    // A segment already holding a value keeps the rest of the path as one key.
    let i = 0;
    for (; i < path.length - 1 && typeof (node[path[i] as string] ?? {}) === 'object'; i++) node = (node[path[i] as string] ??= {}) as Json;
    node[path.slice(i).join('.')] = text;
  }
  return JSON.stringify(doc);
}

/**
 * A `secretsmanager` source as `get-secret-value` output whose SecretString holds a marker per key,
 * and the marker of the whole secret (what an ECS secret naming no key receives) beside it, with
 * those of keys ECS passes as other text (SecretKeyFingerprints), read back only in drift's recordings. Undefined when the secret could not be read.
 */
export function secretsManagerRecording(
  snapshot: SourceSnapshot,
  spec: { secretId: string; region?: string; key?: string },
): SourceRecording | undefined {
  const content = (snapshot.referable as { content?: SecretContent } | undefined)?.content;
  if (!content || content.whole.kind !== 'secret') return undefined;
  const losses: string[] = [];
  const doc: Record<string, unknown> = {};
  if (content.arn !== undefined) doc.ARN = content.arn;
  doc.Name = content.name;
  if (content.versionId !== undefined) doc.VersionId = content.versionId;
  // A secret read as one value is recorded as its marker, which reads back as one value again.
  doc.SecretString = content.single ? secretMarker(content.whole) : markedSecretString(snapshot, content, losses);
  doc.VersionStages = content.stages;
  if (content.modifiedAt !== undefined) doc.CreatedDate = content.modifiedAt;
  doc.SecretStringFingerprint = secretMarker(content.whole);
  if (content.single === 'json') doc.SecretStringIsObject = true;
  // What an ECS secret naming a key that holds a number, null, array or object receives: not its observation's text.
  const asEcs = Object.entries(content.asEcs ?? {}).flatMap(([k, v]) => (v.kind === 'secret' ? [[k, secretMarker(v)]] : []));
  if (asEcs.length) doc.SecretKeyFingerprints = Object.fromEntries(asEcs);
  return {
    files: [{ path: 'secret.json', text: `${JSON.stringify(doc, null, 2)}\n` }],
    spec: {
      secretId: spec.secretId,
      ...(spec.region ? { region: spec.region } : {}),
      ...(spec.key !== undefined ? { key: spec.key } : {}),
    },
    losses,
  };
}
