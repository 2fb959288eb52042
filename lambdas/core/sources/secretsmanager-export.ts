import { SourceInputError } from './errors';
import { isRecord } from './shape';
import type { SecretsManagerSecret } from './secretsmanager';
import { isDate } from './ssm-export';

const TEXT_FIELDS = ['ARN', 'Name', 'VersionId', 'SecretString', 'SecretBinary', 'SecretStringFingerprint'] as const;

const absent = (v: unknown): boolean => v === undefined || v === null;

/**
 * The secret version of what `aws secretsmanager get-secret-value` printed (ARN, Name, VersionId,
 * SecretString, VersionStages, CreatedDate); fields it does not read are ignored, `null` is absent.
 * Throws a SourceInputError naming a field, never quoting one.
 */
export function secretFromExport(json: unknown): SecretsManagerSecret {
  if (!isRecord(json) || !('SecretString' in json || 'SecretBinary' in json || 'Name' in json || 'ARN' in json)) {
    throw new SourceInputError(
      'not a get-secret-value output: expected {"Name": …, "SecretString": …} as `aws secretsmanager get-secret-value` prints it',
    );
  }
  const out: SecretsManagerSecret = {};
  for (const f of TEXT_FIELDS) {
    const v = json[f];
    if (absent(v)) continue;
    if (typeof v !== 'string') throw new SourceInputError(`${f} must be a string`);
    out[f] = v;
  }
  const stages = json.VersionStages;
  if (!absent(stages)) {
    if (!Array.isArray(stages) || !stages.every((s) => typeof s === 'string'))
      throw new SourceInputError('VersionStages must be a list of strings');
    out.VersionStages = stages;
  }
  const kept = json.SecretKeyFingerprints;
  if (!absent(kept)) {
    if (!isRecord(kept) || !Object.values(kept).every((m) => typeof m === 'string'))
      throw new SourceInputError('SecretKeyFingerprints must be an object of strings');
    out.SecretKeyFingerprints = kept as Record<string, string>;
  }
  const isObject = json.SecretStringIsObject;
  if (!absent(isObject)) {
    if (typeof isObject !== 'boolean') throw new SourceInputError('SecretStringIsObject must be a boolean');
    out.SecretStringIsObject = isObject;
  }
  const created = json.CreatedDate;
  if (!absent(created)) {
    if (!isDate(created)) throw new SourceInputError('CreatedDate is not a date');
    out.CreatedDate = created as string | number;
  }
  return out;
}
