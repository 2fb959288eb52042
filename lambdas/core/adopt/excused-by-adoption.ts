import { excusedBy, type RunningValue } from '../engine/exceptions';
import type { Estate, ExceptionSpec } from '../estate/model';
import type { ExceptionRef, Finding } from '../model';

/** What an adopted exception names: its environment, key and the running value (none for a secret: excused whatever it is). */
export type AdoptedScope = Pick<ExceptionSpec, 'environment' | 'key' | 'value'>;

/** The scope of the exception `drift adopt --as exception` writes for a running value. */
export const adoptedScope = (environment: string, key: string, adopted: { text: string; secret: boolean }): AdoptedScope => ({
  environment,
  key,
  // A secret is excused whatever its value: its marker would be a second way to spell it.
  ...(adopted.secret ? {} : { value: adopted.text }),
});

/** What the audit judged: its findings, and those live exceptions already excuse. */
export interface Judged {
  findings: readonly Finding[];
  suppressed: readonly Finding[];
}

/** An exception still excuses on every day `b` does: it is permanent, or ends no sooner. */
const lastsAsLong = (a: { expires?: string; permanent?: boolean }, b: { expires?: string; permanent?: boolean }): boolean =>
  a.permanent === true || (b.permanent !== true && (a.expires ?? '') >= (b.expires ?? ''));

const until = (ex: ExceptionRef): string => (ex.permanent ? 'permanently' : `until ${ex.expires ?? '?'}`);

/**
 * Why an exception adopted with `scope` (lasting as `term` says) would excuse nothing, or undefined
 * when it excuses a finding of the audit: one still open, or one an exception excuses now that ends
 * before it would (a renewal). Written anyway, it would sit in the baseline looking like a record of
 * accepted drift that is not there.
 */
export function excusesNothing(
  estate: Estate,
  scope: AdoptedScope,
  term: { expires?: string; permanent?: boolean },
  judged: Judged,
  running: RunningValue,
): string | undefined {
  const ex: ExceptionSpec = { ...scope, reason: '' };
  if (excusedBy(estate, ex, judged.findings, running).length) return undefined;
  const excused = excusedBy(estate, ex, judged.suppressed, running);
  if (excused.some((f) => f.exception && !lastsAsLong(f.exception, term))) return undefined;
  const by = excused.find((f) => f.exception)?.exception;
  if (by)
    return `already excused in ${scope.environment} by the exception "${by.reason}"${by.ticket ? ` (${by.ticket})` : ''} ${until(by)}, so another would excuse nothing: to excuse it longer, change that exception's expires`;
  return `no finding on it in ${scope.environment} for an exception to excuse, so it would excuse nothing`;
}
