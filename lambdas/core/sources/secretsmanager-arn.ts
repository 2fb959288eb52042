/** A Secrets Manager secret as an ARN names it. */
export interface SecretArn {
  partition: string;
  region: string;
  account: string;
  /**
   * The ARN's resource part after `secret:`: `prod/api-AbCdEf` in a complete ARN, `prod/api` in a
   * partial one. Names never hold `:`, so the ARN alone cannot say which of the two it is.
   */
  id: string;
}

/** An ECS `secrets.valueFrom` naming a secret, and optionally one JSON key of one version of it. */
export interface SecretReference extends SecretArn {
  jsonKey?: string;
  stage?: string;
  versionId?: string;
}

// A secret's name: letters, digits and /_+=.@- (Secrets Manager's rule), so never a wildcard.
const NAME = '[A-Za-z0-9/_+=.@-]';
const ARN_HEAD = `arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:${NAME}+`;
// With ECS's JSON key, version stage and version id after it; JSON keys hold anything but `:`.
const ARN = new RegExp(`^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\\d{12}):secret:(${NAME}+)((?::[^:]*){0,3})$`);

/** What a declared `secretId` may be: a secret's name (up to 512 characters) or its ARN, partial or complete. */
export const SECRET_ID = new RegExp(`^(?:${NAME}{1,512}|${ARN_HEAD})$`);

// Secrets Manager appends `-` and six random letters or digits to a name to make the ARN.
const SUFFIX = /-[A-Za-z0-9]{6}$/;

const field = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

/**
 * `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf[:JSONKEY[:STAGE[:VERSIONID]]]`
 * (ECS's `valueFrom`, empty fields allowed) → its parts; undefined for anything else.
 */
export function parseSecretReference(text: string): SecretReference | undefined {
  const m = ARN.exec(text);
  if (!m) return undefined;
  const [jsonKey, stage, versionId] = (m[5] as string).split(':').slice(1);
  const ref: SecretReference = { partition: m[1] as string, region: m[2] as string, account: m[3] as string, id: m[4] as string };
  if (field(jsonKey)) ref.jsonKey = jsonKey;
  if (field(stage)) ref.stage = stage;
  if (field(versionId)) ref.versionId = versionId;
  return ref;
}

/** A secret's ARN (no JSON key or version fields) → its parts; undefined when it is not one. */
export function parseSecretArn(text: string): SecretArn | undefined {
  const ref = parseSecretReference(text);
  if (!ref || ref.jsonKey || ref.stage || ref.versionId || text.endsWith(':')) return undefined;
  return { partition: ref.partition, region: ref.region, account: ref.account, id: ref.id };
}

/** True when `complete` is `partial` with Secrets Manager's random suffix: `prod/api-AbCdEf` of `prod/api`. */
const suffixed = (complete: string, partial: string): boolean =>
  complete.length === partial.length + 7 && complete.startsWith(partial) && SUFFIX.test(complete);

/** True when two resource parts can name one secret: equal, or one is the other with the random suffix. */
export const sameSecretId = (a: string, b: string): boolean => a === b || suffixed(a, b) || suffixed(b, a);

/** The secret a source declares (`secretId`: a name, a partial or a complete ARN), where it is read, and the ARN a read returned. */
export interface SecretIdentity {
  secretId: string;
  /** The complete ARN Secrets Manager (or the recording) gave; the most precise thing to match. */
  arn?: string;
  /** Where a secret declared by name lives: the source's region and the environment's account, when known. */
  region?: string;
  account?: string;
}

const sameWhere = (a: SecretArn, b: { partition?: string; region?: string; account?: string }): boolean =>
  (b.partition === undefined || a.partition === b.partition) &&
  (!b.region || !a.region || a.region === b.region) &&
  (!b.account || !a.account || a.account === b.account);

/**
 * True when the reference's secret is the source's secret: same partition, region and account where
 * both say, and a resource part equal up to the random suffix (a reference may give a partial ARN).
 */
export function namesSecret(ref: SecretArn, secret: SecretIdentity): boolean {
  const read = secret.arn === undefined ? undefined : parseSecretArn(secret.arn);
  if (read) return sameWhere(ref, read) && (ref.id === read.id || suffixed(read.id, ref.id));
  const declared = parseSecretArn(secret.secretId);
  if (declared) return sameWhere(ref, declared) && sameSecretId(ref.id, declared.id);
  return sameWhere(ref, secret) && (ref.id === secret.secretId || suffixed(ref.id, secret.secretId));
}

/**
 * The secret's name for people: the name as declared, or an ARN's resource part without what
 * looks like the random suffix (as Secrets Manager reads an ARN ending in `-` and six characters).
 */
export function secretName(secretId: string): string {
  const arn = parseSecretArn(secretId);
  return arn ? arn.id.replace(SUFFIX, '') : secretId;
}

/**
 * The IAM resource of the declared secret: a complete ARN as it is; a name or a partial ARN with
 * `-??????`, which matches exactly the random suffix (`*` would also match `NAME-other-AbCdEf`).
 */
export function secretResourceArn(secretId: string, where: { partition: string; region: string; account: string }): string {
  const arn = parseSecretArn(secretId);
  if (arn) return SUFFIX.test(arn.id) ? secretId : `${secretId}-??????`;
  return `arn:${where.partition}:secretsmanager:${where.region}:${where.account}:secret:${secretId}-??????`;
}
