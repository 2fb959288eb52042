/** `YYYY-MM-DD` of an instant in a time zone (the window's, so a digest at 08:00 Berlin says Berlin's date). */
export function zonedDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(iso),
  );
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `YYYY-MM-DD HH:mm` of an instant in a time zone. */
export function zonedMinute(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(iso),
  );
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${zonedDate(iso, timeZone)} ${get('hour')}:${get('minute')}`;
}

/** Whole days elapsed between two instants (never negative). */
export const elapsedDays = (fromIso: string, toIso: string): number =>
  Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000));
