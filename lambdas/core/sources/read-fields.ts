import { isRecord, type Rec } from './shape';

/** The fields of a record to keep; each either kept as it is or projected further. */
export type Fields = Record<string, true | ((v: unknown) => unknown)>;

/** The record with only `fields` (each projected as its entry says); what is not a record becomes null. */
export function pick(v: unknown, fields: Fields): Rec | null {
  if (!isRecord(v)) return null;
  const out: Rec = {};
  for (const [name, keep] of Object.entries(fields)) {
    if (v[name] === undefined) continue;
    out[name] = keep === true ? v[name] : keep(v[name]);
  }
  return out;
}

/**
 * A list of records, each with only `fields`. The parsers report a list that is not one, and an
 * entry that is not an object, by position only: stand-ins without content keep those reports.
 */
export const listOf =
  (fields: Fields) =>
  (v: unknown): unknown =>
    Array.isArray(v) ? v.map((e) => pick(e, fields)) : v === null ? null : true;
