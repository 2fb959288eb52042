import { hiddenText } from '../values/hidden-names';
import type { Fingerprinter } from '../fingerprint';
import type { NameVerdicts } from '../sources/interner';
import { isRecord } from '../sources/shape';

// Fields whose text is a name or a reference to one: a variable, a ConfigMap or Secret key, the file
// a mount copies it to, an SSM parameter an ECS secret names. Values are redacted apart (recordedLiteral).
const NAME_FIELDS: ReadonlySet<string> = new Set(['name', 'key', 'path', 'subPath', 'mountPath', 'prefix', 'valueFrom']);

/**
 * A recorded document with every credential written as a name (a map's key, a variable's name, a
 * reference to either) hidden in place as the snapshot spells it (`TOKENS_secret_1a2b3c4d`): the
 * recording then holds no credential, and reads back as the keys the audit judged. The same name
 * is hidden the same way wherever it is written, so a reference still meets what it names.
 */
export function namesHidden<T>(node: T, fp: Fingerprinter, verdicts: NameVerdicts = new Map()): T {
  if (Array.isArray(node)) return node.map((n: unknown) => namesHidden(n, fp, verdicts)) as T;
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const value =
      k === 'fieldsV1'
        ? fieldNamesHidden(v, fp, verdicts)
        : NAME_FIELDS.has(k) && typeof v === 'string'
          ? hiddenText(v, fp, verdicts)
          : namesHidden(v, fp, verdicts);
    out[hiddenText(k, fp, verdicts)] = value;
  }
  return out as T;
}

/**
 * A managedFields entry's fieldsV1 with the names its fields hold hidden as the names themselves are
 * (`f:NAME`, `k:{"name":"NAME"}`), so a variable read back under its hidden name still finds its writer.
 */
function fieldNamesHidden(node: unknown, fp: Fingerprinter, verdicts: NameVerdicts): unknown {
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[fieldKeyHidden(k, fp, verdicts)] = fieldNamesHidden(v, fp, verdicts);
  return out;
}

function fieldKeyHidden(key: string, fp: Fingerprinter, verdicts: NameVerdicts): string {
  if (key.startsWith('f:')) return `f:${hiddenText(key.slice(2), fp, verdicts)}`;
  if (!key.startsWith('k:')) return hiddenText(key, fp, verdicts);
  let merge: unknown;
  try {
    merge = JSON.parse(key.slice(2));
  } catch {
    return hiddenText(key, fp, verdicts);
  }
  if (!isRecord(merge)) return hiddenText(key, fp, verdicts);
  const hidden = Object.fromEntries(Object.entries(merge).map(([f, v]) => [f, typeof v === 'string' ? hiddenText(v, fp, verdicts) : v]));
  return `k:${JSON.stringify(hidden)}`;
}
