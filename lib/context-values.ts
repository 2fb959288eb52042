import { DriftError } from '../lambdas/core/errors';
import { holdsSecretContent } from '../lambdas/core/values/content-secrets';

/** A context value (`cdk.json` or `-c key=value`) that cannot be used: synth stops with this message. */
export class ContextError extends DriftError {
  override name = 'ContextError';
  readonly userFacing = true;
}

// A context value is quoted back to say what was wrong with it, unless it holds a secret (a
// webhook URL given for its secret's ARN, a token, a URL's password): synth's error is in deploy logs.
const SECRET_REFERENCE = /secret/i;
function show(key: string, v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  const secret = SECRET_REFERENCE.test(key) || holdsSecretContent(typeof v === 'string' ? v : text, key);
  return secret ? 'the value given (not shown: it may hold a secret)' : text;
}

/**
 * A list from context. `cdk.json` holds real arrays; the CDK CLI passes every `-c key=value` as a
 * string, so a string is read as a JSON array (`'["a","b"]'`) when it starts with `[`, else as a
 * comma-separated list (`a,b`). Items are trimmed; an empty item is an error, not skipped silently.
 */
export function contextList(key: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text) return [];
    if (!text.startsWith('[')) return checkedItems(key, text.split(','));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new ContextError(
        `-c ${key}: ${show(key, text)} is not a JSON array${holdsSecretContent(text) ? '' : ` (${(err as Error).message})`}; write -c ${key}='["a","b"]' or -c ${key}=a,b`,
        { cause: err },
      );
    }
    return contextList(key, parsed);
  }
  if (!Array.isArray(value))
    throw new ContextError(`-c ${key}: expected a list (a JSON array or a comma-separated list), got ${show(key, value)}`);
  return checkedItems(key, value);
}

function checkedItems(key: string, items: unknown[]): string[] {
  return items.map((item, i) => {
    if (typeof item !== 'string') throw new ContextError(`-c ${key}: item ${i + 1} is ${show(key, item)}, not a string`);
    const text = item.trim();
    if (!text) throw new ContextError(`-c ${key}: item ${i + 1} is empty`);
    return text;
  });
}

/** A string from context; undefined when absent or blank. Anything but a string is an error. */
export function contextString(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ContextError(`-c ${key}: expected a string, got ${show(key, value)}`);
  return value.trim() || undefined;
}

/** A context string that must satisfy `check` (which returns the normalised value, or why it is not one). */
export function checked(key: string, value: string, check: (v: string) => { value: string } | { problem: string }): string {
  const r = check(value);
  if ('problem' in r) throw new ContextError(`-c ${key}: ${show(key, value)} ${r.problem}`);
  return r.value;
}
