/** Code-unit order of two strings, as `sort()` without a comparator: independent of the locale, so output is the same everywhere. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
