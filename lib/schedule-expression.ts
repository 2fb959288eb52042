import { no, ok, type Checked } from '../lambdas/adapters/live/checked';

/**
 * An EventBridge Scheduler expression checked as Scheduler checks it, so a wrong one stops synth
 * instead of failing the deploy: `cron(…)` has six fields (minutes hours day-of-month month
 * day-of-week year) with `?` in exactly one of the two day fields; `rate(…)` a positive whole number
 * of minutes, hours or days (singular for 1, plural above); `at(…)` a local date and time.
 */

interface Field {
  name: string;
  min: number;
  max: number;
  /** Wildcards beyond `, - * /` (`?`, `L`, `W`, `#`). */
  extra: string;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minutes', min: 0, max: 59, extra: '' },
  { name: 'hours', min: 0, max: 23, extra: '' },
  { name: 'day-of-month', min: 1, max: 31, extra: '?LW' },
  {
    name: 'month',
    min: 1,
    max: 12,
    extra: '',
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day-of-week', min: 1, max: 7, extra: '?L#', names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2199, extra: '' },
];

const CRON_SHAPE = 'cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *)';

/** A value of the field (a number in range, or a name where the field has names); undefined when it is neither. */
function value(field: Field, text: string): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const v = Number(text);
  return v >= field.min && v <= field.max ? v : undefined;
}

/** Why one list item of a field is not one Scheduler takes; undefined when it is. */
function itemProblem(field: Field, item: string): string | undefined {
  const bad = `"${item}" is not a ${field.name} value (${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''})`;
  if (item === '*') return undefined;
  // L: the last day (of the month, or `5L` the month's last Thursday); W: the nearest weekday (`15W`, `LW`).
  if (field.extra.includes('L') && item === 'L') return undefined;
  if (field.extra.includes('W') && (item === 'LW' || /^\d+W$/.test(item))) {
    return item === 'LW' || value(field, item.slice(0, -1)) !== undefined ? undefined : bad;
  }
  if (field.name === 'day-of-week' && /^\w+L$/.test(item)) return value(field, item.slice(0, -1)) === undefined ? bad : undefined;
  if (field.extra.includes('#') && item.includes('#')) {
    const [day = '', nth = ''] = item.split('#');
    return value(field, day) === undefined || !/^[1-5]$/.test(nth) ? `"${item}" is not DAY#N (N from 1 to 5)` : undefined;
  }
  const [range = '', step, more] = item.split('/');
  if (more !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `"${item}": a step is one positive number`;
  if (range === '*' && step !== undefined) return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2 || bounds.some((b) => value(field, b) === undefined)) return bad;
  return undefined;
}

/** Why a six-field cron is not one Scheduler takes; undefined when it is (the digest's five-field cron is core/digest/cron-syntax's). */
function schedulerCronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} fields: Scheduler's cron has 6, ${CRON_SHAPE} (not the 5 of Unix cron)`;
  for (const [i, text] of fields.entries()) {
    const field = FIELDS[i] as Field;
    if (text === '?') {
      if (!field.extra.includes('?')) return `uses ? in ${field.name}: only day-of-month and day-of-week take it`;
      continue;
    }
    if (text.includes('?')) return `"${text}": ? stands alone in ${field.name}`;
    if (text.includes('#') && text.includes(',')) return `"${text}": a day-of-week with # holds one expression`;
    for (const item of text.split(',')) {
      const problem = item === '' ? `"${text}" has an empty list item` : itemProblem(field, item);
      if (problem) return problem;
    }
  }
  const [, , day, , weekday] = fields;
  if ((day === '?') === (weekday === '?'))
    return `must have ? in exactly one of day-of-month ("${day}") and day-of-week ("${weekday}"): ${CRON_SHAPE}`;
  return undefined;
}

const RATE_UNITS = ['minute', 'hour', 'day'];

/** Why a rate is not one Scheduler takes; undefined when it is. */
function rateProblem(body: string): string | undefined {
  const m = /^\s*(\d+)\s+([a-z]+)\s*$/.exec(body);
  const unit = m?.[2] ?? '';
  const singular = unit.replace(/s$/, '');
  if (!m || Number(m[1]) < 1 || !RATE_UNITS.includes(singular))
    return 'is not rate(VALUE UNIT): a positive whole number of minutes, hours or days, e.g. rate(1 day), rate(12 hours)';
  const one = Number(m[1]) === 1;
  if (one !== (unit === singular)) return `says ${unit} for ${m[1]}: write rate(${m[1]} ${one ? singular : `${singular}s`})`;
  return undefined;
}

/** `at(yyyy-mm-ddThh:mm:ss)`, a date and time of the schedule's time zone. */
const atProblem = (body: string): string | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  const valid = m && !Number.isNaN(Date.parse(`${body}Z`)) && new Date(`${body}Z`).toISOString().startsWith(body);
  return valid ? undefined : 'is not at(yyyy-mm-ddThh:mm:ss), e.g. at(2030-01-31T02:00:00)';
};

/** An EventBridge Scheduler expression Scheduler accepts: `cron(…)`, `rate(…)` or `at(…)`. */
export function scheduleExpression(v: string): Checked {
  const m = /^(cron|rate|at)\((.*)\)$/.exec(v);
  if (!m) return no(`is not a Scheduler expression (${CRON_SHAPE}, rate(1 day) or at(2030-01-31T02:00:00))`);
  const [, kind, body = ''] = m;
  const problem = kind === 'cron' ? schedulerCronProblem(body) : kind === 'rate' ? rateProblem(body) : atProblem(body);
  return problem ? no(problem) : ok(v);
}
