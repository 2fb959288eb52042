import { SourceInputError } from '../sources/errors';
import type { SourceParseResult } from '../sources/result';

/** A failure as `file: reason`; only our own messages are shown, as others may quote the input. */
export function describeFailure(err: unknown, file: string): string {
  if (err instanceof SourceInputError) {
    return err.message.startsWith(`${file}:`) || err.message.startsWith(`${file}#`) ? err.message : `${file}: ${err.message}`;
  }
  if (err instanceof RangeError) return `${file}: nested too deeply to read`;
  return `${file}: could not be read (${err instanceof Error ? err.name : 'unknown error'})`;
}

/** Runs `fn`, turning what it throws into a line of `errors`. */
export function attempt<T>(file: string, errors: string[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    errors.push(describeFailure(err, file));
    return undefined;
  }
}

/** Appends `items` to `into` with a loop: spreading 100,000 arguments would overflow the stack. */
export function append<T>(into: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) into.push(items[i] as T);
  return into;
}

/** Adds one part of a source's result to the whole. */
export function merge(into: SourceParseResult, part: SourceParseResult): void {
  // The first part is taken as it is: one big file per source is the usual case.
  if (into.observations.length === 0) into.observations = part.observations;
  else append(into.observations, part.observations);
  append(into.dangling, part.dangling);
  append(into.errors, part.errors);
  if (part.runtime) into.runtime = part.runtime;
  if (part.consumers) into.consumers = part.consumers;
  if (part.profileDefaults) (into.profileDefaults ??= []).push(...part.profileDefaults);
}

/** What `fn` returns, or undefined if it throws: for a recording, which leaves out what its parser could not read. */
export function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
