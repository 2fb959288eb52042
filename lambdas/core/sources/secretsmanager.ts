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
    throw new SourceInputError(`secret ${name}: SecretString is not JSON (a secretsmanager source reads a JSON object of keys)`);
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

/**
 * Observations of one secret version whose SecretString is a JSON object: nested objects flatten
 * like a configuration file's, keys are canonicalised, and every value is a fingerprint from the
 * moment it is read. A secret that is not a JSON object is an error that never quotes it.
 */
export function secretsManagerObservations(secret: SecretsManagerSecret, secretId: string, ctx: ParseContext): SecretsManagerResult {
  const result: SecretsManagerResult = { observations: [], dangling: [], errors: [] };
  const name = secret.Name ?? secretName(secretId);
  if (!isDeclared(secret, secretId)) {
    result.errors.push(`secret ${name}: the secret read is not ${secretId}, the one the source declares`);
    return result;
  }
  if (typeof secret.SecretString !== 'string') {
    const why = secret.SecretBinary === undefined ? 'holds no SecretString' : 'is a binary secret';
    result.errors.push(`secret ${name}: ${why} (a secretsmanager source reads a JSON object of keys)`);
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
  try {
    const doc = jsonObject(secret.SecretString, name);
    for (const k of Object.keys(doc)) (isRecord(doc[k]) ? objects : leaves).push(k);
    eachLeaf(doc, (path, text) => {
      const rawKey = path.length === 1 ? (path[0] as string) : path.join('.');
      const key = keyOf(ctx, rawKey);
      if (key === '') {
        result.errors.push(`secret ${name}: key ${rawKey}: the key is empty once canonicalised`);
        return;
      }
      const origin: Origin = { source: ctx.source, location: `${name} ${rawKey}` };
      if (secret.VersionId !== undefined) origin.version = secret.VersionId;
      if (modifiedAt !== undefined) origin.modifiedAt = modifiedAt;
      result.observations.push({ key, rawKey, value: makeValue(text, true, ctx.fp), origin });
    });
    // After eachLeaf, which bounds the nesting that ecsJsonKeyText recurses into.
    asEcs = recorded ? recordedAsEcs(secret, doc, ctx) : passedByEcs(doc, ctx);
  } catch (err) {
    if (!(err instanceof SourceInputError)) throw err;
    result.errors.push(err.message.startsWith('secret ') ? err.message : `secret ${name}: ${err.message}`);
    return { observations: [], dangling: [], errors: result.errors };
  }
  const whole = recorded ? (secret.SecretStringFingerprint as string) : secret.SecretString;
  result.secret = {
    name,
    ...(secret.ARN !== undefined ? { arn: secret.ARN } : {}),
    ...(secret.VersionId !== undefined ? { versionId: secret.VersionId } : {}),
    ...(modifiedAt !== undefined ? { modifiedAt } : {}),
    stages: secret.VersionStages ?? [],
    whole: makeValue(whole, true, ctx.fp),
    leaves,
    objects,
    ...(asEcs ? { asEcs } : {}),
  };
  return result;
}
