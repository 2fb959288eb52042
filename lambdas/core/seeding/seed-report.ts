import { sanitize } from '../values/value';
import type { SeedPlan } from './seed-plan';

/**
 * CloudFormation takes at most 4,096 bytes of a custom resource's whole response: each list is cut
 * to this many bytes as the response carries it (UTF-8, JSON-escaped), whatever script its names use.
 */
const MAX_LIST_BYTES = 1_500;

const responseBytes = (s: string): number => Buffer.byteLength(JSON.stringify(s), 'utf8');

const listed = (items: readonly string[]): string => {
  if (!items.length) return 'none';
  let out = '';
  for (const [i, item] of items.entries()) {
    const next = out ? `${out}; ${item}` : item;
    if (responseBytes(next) > MAX_LIST_BYTES)
      return `${out ? `${out}; ` : ''}+${items.length - i} more (the seeding function's log lists all)`;
    out = next;
  }
  return out;
};

/**
 * What a seeding did, as the custom resource's attributes (strings): counts, and the files left or
 * removed by name. Keys and stamps come from the bucket, where any UTF-8 may be written: control
 * characters are escaped, as `cdk deploy` prints the outputs to a terminal.
 */
export function seedReportData(plan: SeedPlan): Record<string, string> {
  return {
    Written: String(plan.write.length),
    Unchanged: String(plan.unchanged.length),
    KeptNewer: listed(plan.keptNewer.map((k) => sanitize(`${k.key} (published from ${k.published}, deployed from ${k.deployed})`))),
    Removed: listed(plan.remove.map(sanitize)),
  };
}
