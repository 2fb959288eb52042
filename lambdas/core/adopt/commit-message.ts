import { sanitize } from '../values/value';
import type { TicketRef } from '../tickets/ticket-model';
import type { Adoption } from './plan-adopt';

const SAFE = /[^A-Za-z0-9._-]+/g;

/** The branch an adoption is committed on: `drift/adopt-<env>-<key>-<date>` (`-and-N-more` for several keys). */
export function adoptBranch(adoptions: readonly Adoption[], date: string): string {
  const first = adoptions[0];
  const env = (first?.environment ?? 'env').replace(SAFE, '-');
  const key = (first?.key ?? 'keys').replace(SAFE, '-').replace(/\.{2,}/g, '.');
  const more = adoptions.length > 1 ? `-and-${adoptions.length - 1}-more` : '';
  return `drift/adopt-${env}-${key}${more}-${date}`;
}

/** Who changed a value at runtime, and when, as far as the platform says. */
const changedBy = (a: Adoption): string =>
  a.modifiedBy || a.modifiedAt
    ? `changed at runtime${a.modifiedBy ? ` by ${a.modifiedBy}` : ''}${a.modifiedAt ? ` at ${a.modifiedAt}` : ''}`
    : 'who changed it at runtime, and when, is not recorded by its source';

/**
 * A commit message ready for a pull request: the keys in the subject; per key the old expected value,
 * the adopted one (a secret by fingerprint only) and who changed it at runtime and when; a `Refs:` trailer per
 * open ticket of the findings it answers (see adoptedTickets). What a source
 * wrote (a key, who changed it) is escaped as drift prints it: a line break would add lines and
 * trailers to the message, an escape drive the terminal of whoever runs git log.
 */
export function adoptCommitMessage(adoptions: readonly Adoption[], target: string, tickets: readonly TicketRef[] = []): string {
  const refs = tickets.map((t) => `Refs: ${sanitize(t.url)}\n`).join('');
  return `${message(
    adoptions.map((a) => ({
      ...a,
      environment: sanitize(a.environment),
      key: sanitize(a.key),
      shown: sanitize(a.shown),
      ...(a.before !== undefined ? { before: sanitize(a.before) } : {}),
      ...(a.modifiedBy !== undefined ? { modifiedBy: sanitize(a.modifiedBy) } : {}),
      ...(a.modifiedAt !== undefined ? { modifiedAt: sanitize(a.modifiedAt) } : {}),
    })),
    sanitize(target),
  )}${refs ? `\n${refs}` : ''}`;
}

function message(adoptions: readonly Adoption[], target: string): string {
  const env = adoptions[0]?.environment ?? '';
  const keys = adoptions.map((a) => a.key);
  const subject = `drift adopt ${env}: ${keys.length > 3 ? `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more` : keys.join(', ')}`;
  const body = adoptions.map(
    (a) =>
      `- ${a.key} in ${a.environment}: ${a.before !== undefined ? `expected ${a.before}` : a.declared ? 'no expected value' : 'not declared'} → ${a.shown} (${target})\n  ${changedBy(a)}`,
  );
  return `${subject}\n\nThe values ${env} runs now become the expected ones (drift adopt, after a runtime fix).\n\n${body.join('\n')}\n`;
}
