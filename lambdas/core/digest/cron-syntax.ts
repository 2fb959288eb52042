import { DriftError } from '../errors';

/**
 * The digest window's cron, read without a date library: five fields (minute hour day month
 * weekday) of numbers, `*` or `?`, ranges, steps, lists and three-letter names, or a macro such as
 * `@daily`. It accepts what cron-parser accepted in that syntax (a test holds the two together);
 * cron-parser's extensions (a seconds field, `L`, `W`, `#`, `H`) are refused.
 */

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'weekday', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const [, , , MONTH, WEEKDAY] = FIELDS as [Field, Field, Field, Field, Field];

// cron-parser's macros that have a five-field form (the others fire every second).
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@hourly': '0 * * * *',
  '@minutely': '* * * * *',
  '@weekdays': '0 0 * * 1-5',
  '@weekends': '0 0 * * 0,6',
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DIGITS = /^\d+$/;
const MAX_LENGTH = 1024; // cron-parser's

/** Internal to the parse: caught there and returned as the problem's text. */
class CronProblem extends DriftError {
  readonly name = 'CronProblem';
  readonly userFacing = true;
}

/** The values of one list item (`*`, `5`, `1-5`, `*\/15`, `10/5`, `mon-fri`), as cron-parser counts them. */
function itemValues(field: Field, item: string): number[] {
  const [base = '', step, extra] = item.split('/');
  if (extra !== undefined) throw new CronProblem(`"${item}" has more than one step`);
  if (step !== undefined && !DIGITS.test(step)) throw new CronProblem(`"${item}": the step must be a number`);
  const every = step === undefined ? 1 : Number(step);
  if (every <= 0) throw new CronProblem(`"${item}": the step must be positive`);
  let range = base;
  if (step !== undefined && !range.includes('-')) range = `${range}-${field.max}`;
  const bounds = range.split('-');
  if (bounds.length === 1) {
    if (!DIGITS.test(range)) throw new CronProblem(`"${item}" is not a ${field.name}`);
    const v = Number(range);
    if (v < field.min || v > field.max) throw new CronProblem(`${field.name} ${v} is outside ${field.min}-${field.max}`);
    return [field === WEEKDAY ? v % 7 : v];
  }
  const [lo = '', hi = '', more] = bounds;
  if (more !== undefined || !DIGITS.test(lo) || !DIGITS.test(hi)) throw new CronProblem(`"${item}" is not a range of ${field.name}s`);
  const from = Number(lo);
  const to = Number(hi);
  if (from < field.min || to > field.max) throw new CronProblem(`"${item}" is outside ${field.min}-${field.max}`);
  if (from > to) throw new CronProblem(`"${item}" runs backwards`);
  const values: number[] = [];
  // As cron-parser does: a weekday range that ends on 7 (Sunday) on its step also holds 0.
  if (field === WEEKDAY && to % 7 === 0 && (to - from) % every === 0) values.push(0);
  for (let v = from; v <= to; v += every) if (!values.includes(v)) values.push(v);
  return values;
}

/** The values of one field; a value listed twice is refused, as cron-parser refuses it. */
function fieldValues(field: Field, text: string): number[] {
  let spelled = text;
  if (field.names) {
    const names = field.names;
    spelled = text.replace(/[a-z]{3}/gi, (word) => {
      const i = names.indexOf(word.toLowerCase());
      if (i < 0) throw new CronProblem(`"${word}" is not a ${field.name} name`);
      return String(field === MONTH ? i + 1 : i);
    });
  }
  if (!/^[\d*?,/-]+$/.test(spelled)) throw new CronProblem(`"${text}" is not a ${field.name}: use numbers, *, ranges, steps and lists`);
  // A whole list item `*` or `?` (maybe with a step) is the field's range; anywhere else it is refused.
  const ranged = spelled.replace(/(^|,)[*?](?=\/|,|$)/g, (_, separator: string) => `${separator}${field.min}-${field.max}`);
  if (/[*?]/.test(ranged)) throw new CronProblem(`"${text}": * stands for a whole list item`);
  const values: number[] = [];
  for (const item of ranged.split(',')) {
    if (item === '') throw new CronProblem(`"${text}" has an empty list item`);
    for (const v of itemValues(field, item)) {
      if (values.includes(v)) throw new CronProblem(`"${text}" lists ${v} twice`);
      values.push(v);
    }
  }
  return values;
}

/** A five-field cron, as sets of the values each field matches. */
export interface Cron {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0–7, Sunday being 0 and 7. */
  weekdays: ReadonlySet<number>;
  /** The day-of-month and weekday fields as written are `*` or `?`: cron ORs the two only when both are restricted. */
  anyDay: boolean;
  anyWeekday: boolean;
}

/** The cron, or why it is not a five-field cron expression the digest window can use. */
export function parseCron(cron: string): { ok: true; cron: Cron } | { ok: false; problem: string } {
  if (cron.length > MAX_LENGTH) return { ok: false, problem: `longer than ${MAX_LENGTH} characters` };
  const fields = (Object.hasOwn(MACROS, cron) ? (MACROS[cron] as string) : cron).trim().split(/\s+/);
  if (fields.length !== 5) return { ok: false, problem: `expected 5 fields (minute hour day month weekday), got ${fields.length}` };
  try {
    const [minutes = [], hours = [], days = [], months = [], weekdays = []] = fields.map((text, i) =>
      fieldValues(FIELDS[i] as Field, text),
    );
    const wild = (text: string | undefined): boolean => text === '*' || text === '?';
    const anyWeekday = wild(fields[4]);
    // A day no chosen month has can never come, unless a weekday is named too (the two are ORed).
    const longest = Math.max(...months.map((m) => DAYS_IN_MONTH[m - 1] as number));
    if (anyWeekday && Math.min(...days) > longest)
      return { ok: false, problem: `day ${Math.min(...days)} never comes in the months given` };
    const set = (values: number[]): ReadonlySet<number> => new Set(values);
    return {
      ok: true,
      cron: {
        minutes: set(minutes),
        hours: set(hours),
        days: set(days),
        months: set(months),
        weekdays: set(weekdays),
        anyDay: wild(fields[2]),
        anyWeekday,
      },
    };
  } catch (err) {
    if (err instanceof CronProblem) return { ok: false, problem: err.message };
    throw err;
  }
}

/** Why `cron` is not a five-field cron expression the digest window can use; undefined when it is one. */
export function cronProblem(cron: string): string | undefined {
  const parsed = parseCron(cron);
  return parsed.ok ? undefined : parsed.problem;
}
