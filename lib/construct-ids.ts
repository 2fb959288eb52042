import { createHash } from 'node:crypto';

const sanitize = (raw: string): string => raw.replace(/[^A-Za-z0-9-]/g, '-');

/**
 * A construct id for each raw id (`Access-shop_cluster`, `DriftMemberRead-111-drift.read`), in
 * letters, digits and `-` as stack names and logical ids need: each its raw id with the rest turned
 * to `-`, as deployed so far (a new id would replace the resource), unless that is a plain raw id's
 * or an earlier one's; then with a digest of the raw id, as the two would otherwise collide.
 */
export function constructIds(raws: readonly string[]): Map<string, string> {
  const plain = new Set(raws.filter((r) => sanitize(r) === r));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const raw of raws) {
    if (out.has(raw)) continue;
    let id = sanitize(raw);
    if (id !== raw && (plain.has(id) || taken.has(id))) id = `${id}-${createHash('sha256').update(raw).digest('hex').slice(0, 8)}`;
    taken.add(id);
    out.set(raw, id);
  }
  return out;
}
