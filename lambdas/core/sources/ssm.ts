import type { Value } from '../values/value';
import type { ByteKeys } from './byte-spellings';
import { keyIdOf, keyOf, secretValueOf, valueOf, type ParseContext } from './context';
import { placedObservation, type SourcePlace } from './observations';
import type { SourceParseResult } from './result';
import { ISO_UTC, type SsmParameterRead } from './ssm-export';

export { SSM_TYPES, ssmParametersFromExport, type SsmParameter, type SsmParameterRead, type SsmParameterType } from './ssm-export';

/** The SSM path as a folder (`/prod` → `/prod/`): what GetParametersByPath reads, so `/prod` never takes `/production/x`. */
export const ssmFolder = (path: string): string => (path.endsWith('/') ? path : `${path}/`);

/** `LastModifiedDate` as ISO 8601 with milliseconds in UTC; undefined when it is not a date. */
export function ssmDate(v: string | number | Date): string | undefined {
  if (typeof v === 'string' && ISO_UTC.test(v)) {
    // The CLI's spelling is rewritten without building a Date: exports hold many thousands. join()
    // makes one flat string, where concatenation would keep the whole original alive in a slice.
    const end = v.endsWith('Z') ? v.length - 1 : v.length - 6;
    const fraction = end > 19 ? v.slice(19, Math.min(end, 23)).padEnd(4, '0') : '.000';
    return [v.slice(0, 19), fraction, 'Z'].join('');
  }
  const date = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : v;
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// A KMS ciphertext blob in base64: version 1 header (01 02 02 00 78 …), then well over 100 characters.
const KMS_CIPHERTEXT = /^AQICAH[A-Za-z0-9+/]{100,}={0,2}$/;

function ssmValue(p: SsmParameterRead, key: string, decrypted: boolean, ctx: ParseContext): Value {
  // Without its value (describe-parameters), a parameter is held as a secret unless its type says it is plain text.
  if (p.Value === undefined || p.Value === null)
    return {
      kind: 'opaque',
      reason: 'value not recorded',
      ...(p.Type === 'String' || p.Type === 'StringList' ? {} : { secret: true as const }),
    };
  if (p.Type === 'SecureString') {
    // Without decryption the CLI prints the KMS ciphertext, which changes on every write.
    if (!decrypted) return { kind: 'opaque', reason: 'SecureString recorded without decryption', secret: true };
    // An export made without --with-decryption for a source that expects one: the same ciphertext.
    if (KMS_CIPHERTEXT.test(p.Value))
      return { kind: 'opaque', reason: 'SecureString exported without --with-decryption (KMS ciphertext)', secret: true };
    return secretValueOf(ctx, key, p.Value);
  }
  return valueOf(ctx, key, p.Value);
}

/**
 * The places of parameters written alike: a parameter's location is its name, and most of an export
 * shares a date and a user, with a few versions among them. One place per version (and, apart,
 * SecureStrings) while the date and the user stay the same.
 */
class SsmPlaces {
  private readonly byVersion = new Map<string | number | undefined, SourcePlace>();
  private readonly secureByVersion = new Map<string | number | undefined, SourcePlace>();
  private modifiedAt: string | undefined;
  private modifiedBy: string | undefined;

  constructor(private readonly ctx: ParseContext) {}

  of(version: string | number | undefined, modifiedAt: string | undefined, modifiedBy: string | undefined, secure: boolean): SourcePlace {
    if (modifiedAt !== this.modifiedAt || modifiedBy !== this.modifiedBy) {
      this.byVersion.clear();
      this.secureByVersion.clear();
      this.modifiedAt = modifiedAt;
      this.modifiedBy = modifiedBy;
    }
    const places = secure ? this.secureByVersion : this.byVersion;
    let place = places.get(version);
    if (place === undefined) {
      place = { source: this.ctx.source, at: '', version, modifiedAt, modifiedBy, ...(secure ? { secureString: true as const } : {}) };
      places.set(version, place);
    }
    return place;
  }
}

/**
 * Observations of the parameters under `path`, in order, from a recorded export or the SDK alike;
 * SecureStrings and secret-named keys are fingerprinted.
 */
export function ssmObservations(
  params: readonly SsmParameterRead[],
  path: string,
  ctx: ParseContext,
  /** `keys`: the ByteKeys that numbered the parameters' names (SsmParameterRead.spelt), when a scanner read them. */
  opts: { decrypted?: boolean; keys?: ByteKeys } = {},
  /** Where to append them (a big export is read in batches); a new result by default. */
  into: SourceParseResult = { observations: [], dangling: [], errors: [] },
): SourceParseResult {
  const prefix = ssmFolder(path);
  const decrypted = opts.decrypted ?? true;
  const { keys } = opts;
  const { observations, errors } = into;
  // Exports give most parameters one date: it is rewritten once.
  let lastDate: SsmParameterRead['LastModifiedDate'];
  let lastModifiedAt: string | undefined;
  const places = new SsmPlaces(ctx);
  // A hot path: a 40,000-parameter export per environment.
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as SsmParameterRead;
    const name = p.Name;
    if (!name.startsWith(prefix)) continue;
    const spelt = p.spelt;
    const key = keyOf(ctx, spelt === undefined || keys === undefined ? name.slice(prefix.length) : keys.spelling(spelt));
    if (key === '') {
      errors.push(`${name}: the key is empty once canonicalised`);
      continue;
    }
    const version = p.Version ?? undefined;
    const date = p.LastModifiedDate;
    if (date !== lastDate) {
      lastDate = date;
      lastModifiedAt = date === undefined || date === null ? undefined : ssmDate(date);
    }
    const modifiedAt = lastModifiedAt;
    if (modifiedAt === undefined && p.LastModifiedDate !== undefined && p.LastModifiedDate !== null) {
      errors.push(`${name}: LastModifiedDate is not a date`);
      continue;
    }
    const modifiedBy = p.LastModifiedUser ?? undefined;
    observations.push(
      placedObservation(
        key,
        name,
        ssmValue(p, key, decrypted, ctx),
        places.of(version, modifiedAt, modifiedBy, p.Type === 'SecureString'),
        name,
        keyIdOf(ctx, key),
      ),
    );
  }
  return into;
}
