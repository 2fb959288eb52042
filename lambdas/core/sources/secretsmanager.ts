import type { Origin } from '../model';
import { makeValue, type Value } from '../values/value';
import { keyOf, type ParseContext } from './context';
import { SourceInputError } from './errors';
import { ecsJsonKeyText } from './ecs-json-key-text';
import { eachLeaf } from './flatten';
import type { SourceParseResult } from './result';
import { isRecord } from './shape';
import { namesSecret, parseSecretArn, secretName } from './secretsmanager-arn';
import { ssmDate } from './ssm';

/**
 * One secret version with the AWS field names, as `aws secretsmanager get-secret-value` prints it
 * and as the live reader hands the SDK's answer over: both are read by secretsManagerObservations.
 */
export interface SecretsManagerSecret {
  ARN?: string;
  Name?: string;
  VersionId?: string;
  SecretString?: string;
  /** Base64, as the CLI prints it: a binary secret, which holds no keys. */
  SecretBinary?: string;
  VersionStages?: string[];
  /** When this version was made: ISO 8601 text (CLI v2), epoch seconds (CLI v1) or a Date (the SDK). */
  CreatedDate?: string | number | Date;
  /** Drift's recordings only: the marker of the whole SecretString, whose text the recording no longer holds. */
  SecretStringFingerprint?: string;
  /** Drift's recordings only: a secret read as one value whose text is a JSON object (SecretContent.single). */
  SecretStringIsObject?: boolean;
  /** Drift's recordings only: per top-level key in SecretContent.asEcs, the marker of the text ECS passes. */
  SecretKeyFingerprints?: Record<string, string>;
}

/** What references to the secret resolve against: which version was read, and its keys. */
export interface SecretContent {
  name: string;
  arn?: string;
  versionId?: string;
  modifiedAt?: string;
  stages: string[];
  /** The whole SecretString as a secret: what an ECS secret naming no JSON key receives. */
  whole: Value;
  /**
   * Set when the secret is read as one value (its text not a JSON object, or the source declares `key:`):
   * whether that text is a JSON object ECS could take a key of (`json`) or not (`text`).
   */
  single?: 'text' | 'json';
  /** Top-level JSON keys holding a scalar or an array: each is also an observation whose raw key is the JSON key. */
  leaves: string[];
  /** Top-level JSON keys holding an object: present, but flattened into keys of their own. */
  objects: string[];
  /**
   * Top-level keys holding other than a string, as an ECS secret naming the key receives them (Go's
   * `%v`: `1e+06`, `<nil>`, `[1 a]`, `map[k:v]`), which is not their observation's text.
   */
  asEcs?: Record<string, Value>;
}

/** A secret's observations (every value fingerprinted) and, when it could be read, its content for references. */
export type SecretsManagerResult = SourceParseResult & { secret?: SecretContent };

/** The JSON object a SecretString holds; a SourceInputError that never quotes the text otherwise. */
function jsonObject(text: string, name: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // The engine's message quotes the text: only what it is not is said.
    throw new SourceInputError(
      `secret ${name}: SecretString starts as a JSON object but is not JSON (declare \`key:\` on the source to read it as one value)`,
    );
  }
  if (!isRecord(doc)) {
    const what = Array.isArray(doc) ? 'an array' : doc === null ? 'null' : `a ${typeof doc}`;
    throw new SourceInputError(`secret ${name}: SecretString is JSON ${what}, not an object of keys`);
  }
  return doc;
}

/** The top-level keys holding other than a string, fingerprinted as ECS passes them; undefined when there are none. */
function passedByEcs(doc: Record<string, unknown>, ctx: ParseContext): Record<string, Value> | undefined {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(doc)) if (typeof v !== 'string') out[k] = makeValue(ecsJsonKeyText(v), true, ctx.fp);
  return Object.keys(out).length ? out : undefined;
}

/** The same, from a recording's markers: a key the recording kept none for is left to its observation, as before. */
function recordedAsEcs(secret: SecretsManagerSecret, doc: Record<string, unknown>, ctx: ParseContext): Record<string, Value> | undefined {
  const kept = secret.SecretKeyFingerprints ?? {};
  const out: Record<string, Value> = {};
  for (const k of Object.keys(doc)) if (typeof kept[k] === 'string') out[k] = makeValue(kept[k], true, ctx.fp);
  return Object.keys(out).length ? out : undefined;
}

/** True when the secret read is the one declared: its ARN (or name) names `secretId`. */
function isDeclared(secret: SecretsManagerSecret, secretId: string): boolean {
  const arn = secret.ARN === undefined ? undefined : parseSecretArn(secret.ARN);
  if (arn) return namesSecret(arn, { secretId });
  return secret.Name === undefined || secret.Name === secretName(secretId);
}

/** True when the text can only mean a JSON object: a secret of plain text (an API key, a PEM) is one value. */
const looksLikeObject = (text: string): boolean => /^\s*\{/.test(text);

/** True when the text parses as a JSON object, without errors: what ECS can take a JSON key of. */
function parsesAsObject(text: string): boolean {
  if (!looksLikeObject(text)) return false;
  try {
    return isRecord(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The key a secret read as one value takes without `key:`: the last segment of its name (`prod/checkout/stripe-api-key`). */
const nameKey = (name: string): string => name.split('/').filter(Boolean).pop() ?? name;

/**
 * Observations of one secret version. A SecretString holding a JSON object gives its keys: nested
 * objects flatten like a configuration file's, keys are canonicalised. Any other text (an API key
 * stored as one string), or any secret of a source that declares `key`, is one value: under that
 * key, else under the last segment of the secret's name. Every value is a fingerprint from the
 * moment it is read; an error never quotes the secret.
 */
export function secretsManagerObservations(
  secret: SecretsManagerSecret,
  secretId: string,
  ctx: ParseContext,
  key?: string,
): SecretsManagerResult {
  const result: SecretsManagerResult = { observations: [], dangling: [], errors: [] };
  const name = secret.Name ?? secretName(secretId);
  if (!isDeclared(secret, secretId)) {
    result.errors.push(`secret ${name}: the secret read is not ${secretId}, the one the source declares`);
    return result;
  }
  if (typeof secret.SecretString !== 'string') {
    const why = secret.SecretBinary === undefined ? 'holds no SecretString' : 'is a binary secret';
    result.errors.push(`secret ${name}: ${why} (a secretsmanager source reads text: a JSON object of keys, or one value)`);
    return result;
  }
  const modifiedAt = secret.CreatedDate === undefined ? undefined : ssmDate(secret.CreatedDate);
  if (secret.CreatedDate !== undefined && modifiedAt === undefined) {
    result.errors.push(`secret ${name}: CreatedDate is not a date`);
    return result;
  }
  const leaves: string[] = [];
  const objects: string[] = [];
  let asEcs: Record<string, Value> | undefined;
  // In drift's own recording the text is a JSON of markers: the whole secret, and what ECS passes, are the markers it kept.
  const recorded = ctx.fp.acceptsMarkers && typeof secret.SecretStringFingerprint === 'string';
  const whole = recorded ? (secret.SecretStringFingerprint as string) : secret.SecretString;
  const content = (extra: Partial<SecretContent>): SecretContent => ({
    name,
    ...(secret.ARN !== undefined ? { arn: secret.ARN } : {}),
    ...(secret.VersionId !== undefined ? { versionId: secret.VersionId } : {}),
    ...(modifiedAt !== undefined ? { modifiedAt } : {}),
    stages: secret.VersionStages ?? [],
    whole: makeValue(whole, true, ctx.fp),
    leaves,
    objects,
    ...extra,
  });
  const originOf = (location: string): Origin => ({
    source: ctx.source,
    location,
    ...(secret.VersionId !== undefined ? { version: secret.VersionId } : {}),
    ...(modifiedAt !== undefined ? { modifiedAt } : {}),
  });
  if (key !== undefined || !looksLikeObject(secret.SecretString)) {
    const rawKey = key ?? nameKey(name);
    const canonical = keyOf(ctx, rawKey);
    if (canonical === '') {
      result.errors.push(`secret ${name}: key ${rawKey}: the key is empty once canonicalised (declare \`key:\` on the source)`);
      return result;
    }
    // A recording of a secret read as one value holds its marker as the SecretString.
    result.observations.push({ key: canonical, rawKey, value: makeValue(secret.SecretString, true, ctx.fp), origin: originOf(name) });
    const isObject = recorded ? secret.SecretStringIsObject === true : parsesAsObject(secret.SecretString);
    result.secret = content({ single: isObject ? 'json' : 'text' });
    return result;
  }
  try {
    const doc = jsonObject(secret.SecretString, name);
    for (const k of Object.keys(doc)) (isRecord(doc[k]) ? objects : leaves).push(k);
    eachLeaf(doc, (path, text) => {
      const rawKey = path.length === 1 ? (path[0] as string) : path.join('.');
      const canonical = keyOf(ctx, rawKey);
      if (canonical === '') {
        result.errors.push(`secret ${name}: key ${rawKey}: the key is empty once canonicalised`);
        return;
      }
      result.observations.push({ key: canonical, rawKey, value: makeValue(text, true, ctx.fp), origin: originOf(`${name} ${rawKey}`) });
    });
    // After eachLeaf, which bounds the nesting that ecsJsonKeyText recurses into.
    asEcs = recorded ? recordedAsEcs(secret, doc, ctx) : passedByEcs(doc, ctx);
  } catch (err) {
    if (!(err instanceof SourceInputError)) throw err;
    result.errors.push(err.message.startsWith('secret ') ? err.message : `secret ${name}: ${err.message}`);
    return { observations: [], dangling: [], errors: result.errors };
  }
  result.secret = content(asEcs ? { asEcs } : {});
  return result;
}
