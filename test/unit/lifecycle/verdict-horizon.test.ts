import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { audit } from '../../../lambdas/core/engine/audit';
import type { FlagSeen } from '../../../lambdas/core/flags/flags-seen';
import { CLOCK_READERS, verdictsHoldUntil } from '../../../lambdas/core/lifecycle/verdict-horizon';
import { estateFrom, estateYaml, snapshot } from '../../helpers/estate';

const CORE = path.resolve(__dirname, '../../../lambdas/core');

/** Files of what `audit()` runs (the engine and the checks) that read the clock. */
function clockReaders(): string[] {
  const reads = /\bctx\.(now|today)\b|\btoday\b|\bnow: Date\b/;
  return ['checks', 'engine']
    .flatMap((dir) => readdirSync(path.join(CORE, dir)).map((f) => `${dir}/${f}`))
    .filter((f) => f.endsWith('.ts') && reads.test(readFileSync(path.join(CORE, f), 'utf8')))
    .sort();
}

const estate = estateFrom(
  estateYaml(
    ['us', 'eu'],
    'flags: { lifetime: 3h }\nbaseline:\n  undeclared: ignore\n  keys:\n    a.enabled: { flag: true }\n    b.enabled: { flag: true }\n',
  ),
);
const snapshots = ['us', 'eu'].map((env) => snapshot(env, { values: { 'a.enabled': 'true', 'b.enabled': 'false' } }));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A random instant in late 2026, and flag memories up to a day before it. */
function randomCase(seed: number) {
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n;
  const now = new Date(Date.UTC(2026, 10, 1) + Math.floor(rnd(30 * DAY)));
  const seen = new Map<string, FlagSeen>(
    (['a.enabled', 'b.enabled'] as const).map((key, i) => [
      key,
      { since: new Date(now.getTime() - Math.floor(rnd(DAY))).toISOString(), value: i === 0 ? 'true' : 'false' },
    ]),
  );
  return { now, seen, later: (until: number) => new Date(now.getTime() + Math.floor(rnd(until - now.getTime() + 1))) };
}

const verdicts = (now: Date, seen: ReadonlyMap<string, FlagSeen>) =>
  audit(estate, snapshots, now, undefined, seen).findings.map((f) => `${f.kind} ${f.key ?? ''} ${f.message}`);

describe('verdictsHoldUntil: how long an audit of the same inputs says the same', () => {
  test('it accounts for every file of the audit that reads the clock', () => {
    expect(clockReaders()).toEqual(Object.values(CLOCK_READERS).flat().sort());
  });

  test('random instants up to the horizon give the same verdicts; a flag turning stale ends it', () => {
    let ended = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { now, seen, later } = randomCase(seed);
      const until = verdictsHoldUntil(estate, audit(estate, snapshots, now).configs, seen, now);
      expect(until).toBeGreaterThanOrEqual(now.getTime());
      expect(new Date(until).toISOString().slice(0, 10)).toBe(now.toISOString().slice(0, 10));
      expect(verdicts(later(until), seen)).toEqual(verdicts(now, seen));
      expect(verdicts(new Date(until), seen)).toEqual(verdicts(now, seen));
      const endOfDay = until % DAY === DAY - 1;
      if (!endOfDay) {
        ended++;
        expect(verdicts(new Date(until + 1), seen)).not.toEqual(verdicts(now, seen));
      }
    }
    expect(ended).toBeGreaterThan(20);
  });

  test('without flags, the end of the UTC day', () => {
    const now = new Date('2026-11-24T23:59:00Z');
    expect(new Date(verdictsHoldUntil(estate, [], new Map(), now)).toISOString()).toBe('2026-11-24T23:59:59.999Z');
  });
});
