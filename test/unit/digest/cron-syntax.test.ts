import { CronExpressionParser } from 'cron-parser';
import { cronProblem } from '../../../lambdas/core/digest/cron-syntax';

// cron-parser computes the ticks when a digest is due; the estate's check must never accept what it
// refuses, and must accept all it accepts in the five-field syntax.
const acceptedByCronParser = (cron: string): boolean => {
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
};

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RANGES: ReadonlyArray<[number, number, readonly string[]]> = [
  [0, 59, []],
  [0, 23, []],
  [1, 31, []],
  [1, 12, ['jan', 'FEB', 'dec', 'Jun', 'xyz', 'janfeb']],
  [0, 7, ['mon', 'Fri', 'sun', 'SAT', 'xyz', 'monfri']],
];

/** A random cron-like text: mostly well formed, sometimes out of range or malformed, sometimes with cron-parser's extensions. */
function randomCron(next: () => number, extensions: boolean): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const field = ([min, max, names]: [number, number, readonly string[]]): string => {
    const num = (): string => {
      if (names.length && next() < 0.15) return pick(names.slice(0, next() < 0.8 ? 4 : 6));
      const v = next() < 0.05 ? pick([min - 1, max + 1, 99]) : min + Math.floor(next() * (max - min + 1));
      return (next() < 0.05 ? '0' : '') + String(v);
    };
    const base = (): string => {
      const r = next();
      if (r < 0.3) return pick(['*', '?']);
      if (r < 0.65) return num();
      if (r < 0.97) {
        const [a, b] = [num(), num()];
        return Number(a) > Number(b) && next() < 0.85 ? `${b}-${a}` : `${a}-${b}`;
      }
      return pick(['', '-', '5-', '-5', '1-2-3', '*5', '5*']);
    };
    const item = (): string => {
      const b = base();
      if (next() < 0.2) return `${b}/${pick(['1', '2', '5', '15', '07', '0', '', '1-2', '/3'].slice(0, next() < 0.8 ? 5 : 9))}`;
      if (extensions && next() < 0.1) return `${b}${pick(['L', 'W', '#2', 'H'])}`;
      return b;
    };
    const items = next() < 0.85 ? 1 : 2 + Math.floor(next() * 2);
    return Array.from({ length: items }, item).join(next() < 0.98 ? ',' : ',,');
  };
  const fields = RANGES.map(field);
  const count = next() < 0.9 ? 5 : pick([3, 4, 6]);
  const chosen = count <= 5 ? fields.slice(5 - count) : ['0', ...fields];
  return chosen.join(pick([' ', ' ', '  ', '\t']));
}

describe('the digest window cron', () => {
  it.each([
    ['0 8 * * *'],
    ['0 8 * * 1-5'],
    ['*/15 6-18 * * mon-fri'],
    ['0 9 1,15 * *'],
    ['30 7 * jan-mar,oct sun'],
    ['@daily'],
    ['0 0 29 2 *'],
  ])('accepts %s', (cron) => {
    expect(cronProblem(cron)).toBeUndefined();
  });

  it.each([
    ['61 8 * * *', /minute 61 is outside 0-59/],
    ['0 8 * *', /expected 5 fields/],
    ['0 0 8 * * *', /expected 5 fields/],
    ['0 8 31 2 *', /day 31 never comes/],
    ['0 8 * * 5L', /not a weekday/],
    ['0 8 1,1 * *', /lists 1 twice/],
    ['0 8 * * 5-1', /runs backwards/],
    ['*/0 8 * * *', /step must be positive/],
    ['constructor', /expected 5 fields/],
  ])('refuses %s, saying why', (cron, why) => {
    expect(cronProblem(cron)).toMatch(why);
  });

  it('agrees with cron-parser on random five-field expressions, and never accepts what it refuses', () => {
    const next = random(16);
    let accepted = 0;
    for (let i = 0; i < 8_000; i++) {
      const extensions = i % 4 === 0;
      const cron = randomCron(next, extensions);
      const ours = cronProblem(cron) === undefined;
      const theirs = acceptedByCronParser(cron);
      if (ours) accepted++;
      const fiveFields = cron.trim().split(/\s+/).length === 5 && !/[LWH#]/.test(cron);
      if (ours || fiveFields) expect({ cron, accepted: ours }).toEqual({ cron, accepted: theirs });
    }
    // The generator must reach both answers often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1_000);
    expect(accepted).toBeLessThan(7_000);
  });
});
