import { keyOf, type ParseContext } from './context';
import { describeObject, type K8sObject } from './k8s-objects';
import { REPEATED_DATA, type RepeatedData } from './k8s-repeated-data';
import { isRecord, rec, scalarText } from './shape';

/** One key of a ConfigMap or Secret: its text (transient when secret) and whether it is secret. */
export interface DataEntry {
  text: string;
  secret: boolean;
  /** The texts a repeated key of the manifest had before the one that applies, in file order (see REPEATED_DATA). */
  earlier?: string[];
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A Secret's decoded bytes as the text drift compares. The kubelet hands the bytes to the process as
 * they are, so bytes that are not UTF-8 must not be decoded lossily (two different binary keys
 * would both read as U+FFFD and fingerprint alike): they are kept whole, behind a NUL, which no
 * environment value can hold, so they never equal any text.
 */
function secretText(bytes: Buffer): string {
  try {
    // `ignoreBOM`: a leading byte-order mark is part of the value the process receives.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return `\u0000bytes:${bytes.toString('base64')}`;
  }
}

/** A data value's text (a Secret's `data` decoded), or what is wrong with it. */
function textOf(value: unknown, decode: boolean): string | { problem: string } {
  const text = scalarText(value);
  if (text === undefined) return { problem: 'is not a string' };
  if (!decode) return text;
  // Go's base64 decoder (behind the API server's JSON) skips line breaks, and nothing else.
  const compact = text.replace(/[\r\n]/g, '');
  return BASE64.test(compact) ? secretText(Buffer.from(compact, 'base64')) : { problem: 'is not valid base64' };
}

/**
 * The env-visible keys of a ConfigMap (`data`; the kubelet never exposes `binaryData` as env) or a
 * Secret (`data` base64-decoded, then `stringData` over it, as the API server merges them).
 * Unreadable keys are reported by name only.
 */
export function dataOf(o: K8sObject, namespace: string, ctx: ParseContext, errors: string[]): Map<string, DataEntry> {
  const out = new Map<string, DataEntry>();
  const where = describeObject(o.kind, o.namespace ?? namespace, o.name);
  const secret = o.kind === 'Secret';
  const read = (field: string, decode: boolean): void => {
    const section = o.body[field];
    if (section === undefined || section === null) return;
    if (!isRecord(section)) {
      errors.push(`${o.file}: ${where} ${field} is not a mapping`);
      return;
    }
    const repeated = (section as { [REPEATED_DATA]?: RepeatedData })[REPEATED_DATA];
    for (const key of Object.keys(section)) {
      const text = textOf(section[key], decode);
      if (typeof text !== 'string') {
        errors.push(`${o.file}: ${where} ${field}.${key} ${text.problem}`);
        continue;
      }
      const entry: DataEntry = { text, secret: secret || ctx.isSecretKey(keyOf(ctx, key)) };
      const earlier = repeated?.get(key)?.flatMap((v) => {
        const t = textOf(v, decode);
        return typeof t === 'string' ? [t] : [];
      });
      if (earlier?.length) entry.earlier = earlier;
      out.set(key, entry);
    }
  };
  read('data', secret);
  if (secret) read('stringData', false);
  return out;
}

/** True when a ConfigMap/Secret writes `key` in `data` (or a Secret in `stringData`), readable or not. */
export const writtenInData = (o: K8sObject, key: string): boolean =>
  (isRecord(o.body.data) && key in o.body.data) || (o.kind === 'Secret' && isRecord(o.body.stringData) && key in o.body.stringData);

// The keys the token controller writes into a Secret of this type once it is created: its manifest leaves them out.
const TOKEN_SECRET_KEYS: ReadonlySet<string> = new Set(['token', 'ca.crt', 'namespace']);

/**
 * OpenShift's CA bundles, written into a ConfigMap its manifest leaves empty: the service CA's (`service-ca.crt`) where
 * an annotation asks for it, the cluster's trusted CAs (`ca-bundle.crt`, by the network operator) where a label does.
 */
export const INJECT_SERVICE_CA = ['service.beta.openshift.io/inject-cabundle', 'service.alpha.openshift.io/inject-cabundle'] as const;
export const INJECT_TRUSTED_CA = 'config.openshift.io/inject-trusted-cabundle';

function injectedCaBundle(o: K8sObject, key: string): boolean {
  const meta = rec(o.body.metadata);
  if (key === 'service-ca.crt') return INJECT_SERVICE_CA.some((a) => rec(meta.annotations)[a] === 'true');
  return key === 'ca-bundle.crt' && rec(meta.labels)[INJECT_TRUSTED_CA] === 'true';
}

/**
 * Whether the cluster fills `key` into the object, which its manifest does not hold (a service account token Secret,
 * an OpenShift ConfigMap a CA bundle is injected into).
 */
export const filledByTheCluster = (o: K8sObject, key: string): boolean =>
  o.kind === 'Secret' ? o.body.type === 'kubernetes.io/service-account-token' && TOKEN_SECRET_KEYS.has(key) : injectedCaBundle(o, key);

/** True when a key of a ConfigMap/Secret exists only in `binaryData`, which env cannot use. */
export const onlyInBinaryData = (o: K8sObject, key: string): boolean =>
  isRecord(o.body.binaryData) && key in o.body.binaryData && !(isRecord(o.body.data) && key in o.body.data);
