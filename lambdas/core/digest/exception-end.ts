import { addDays, daysBetween, utcDate } from '../engine/dates';
import { EXPIRY_WARNING_DAYS } from '../engine/exceptions';
import { zonedMinute } from './zoned';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant an exception stops holding: the end of its `expires` day, which is inclusive and in UTC; undefined for no date. */
export function exceptionEnd(expires: string): string | undefined {
  if (!DATE.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) return undefined;
  return `${addDays(expires, 1)}T00:00:00.000Z`;
}

/** Whole UTC days from the instant `at` to an exception's last day: 0 on that day, negative once it is over. */
export const daysLeft = (expires: string, at: string): number => daysBetween(utcDate(new Date(at)), expires);

/** Whether an exception ends within the warning days of `at`, or already did (a stored result read late). */
export const endsSoon = (expires: string, at: string): boolean =>
  exceptionEnd(expires) !== undefined && daysLeft(expires, at) <= EXPIRY_WARNING_DAYS;

/** When an exception ends, in `timeZone` (`YYYY-MM-DD HH:mm`); undefined where that is the end of its own date (the zone is at UTC then). */
export function zonedEnd(expires: string, timeZone: string): string | undefined {
  const end = exceptionEnd(expires);
  if (end === undefined) return undefined;
  const local = zonedMinute(end, timeZone);
  return local === `${end.slice(0, 10)} 00:00` ? undefined : local;
}
